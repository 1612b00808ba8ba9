import fs from 'node:fs';
import { startBenchServer } from '../test/bench/bench-server.ts';
const s = await startBenchServer();
const fx = JSON.parse(fs.readFileSync('test/fixtures/search-relevance.json','utf8'));
const qs = fx.queries.map((q:any)=>q.query);
const { Session } = await import('node:inspector/promises');
const session = new Session(); session.connect();
for (let i=0;i<3;i++) for (const q of qs) await s.app.http.inject({method:'GET', url:'/api/v1/procedures?q='+encodeURIComponent(q)});
await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let i=0;i<10;i++) for (const q of qs) await s.app.http.inject({method:'GET', url:'/api/v1/procedures?q='+encodeURIComponent(q)});
const { profile } = await session.post('Profiler.stop') as any;
const self = new Map<string, number>();
const total = profile.samples.length;
const counts = new Map<number, number>(); for (const id of profile.samples) counts.set(id, (counts.get(id)??0)+1);
for (const n of profile.nodes) { const c = counts.get(n.id)??0; const k = `${n.callFrame.functionName||'(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k,(self.get(k)??0)+c); }
console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>`${(100*v/total).toFixed(1)}% ${k}`).join('\n'));
await s.close();
