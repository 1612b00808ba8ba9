import fs from 'node:fs';
import { startBenchServer } from '../test/bench/bench-server.ts';
const s = await startBenchServer();
const fx = JSON.parse(fs.readFileSync('test/fixtures/search-relevance.json','utf8'));
const qs = fx.queries.map((q:any)=>q.query);
const svc = s.app.modules.catalog.service;
for (let r=0;r<3;r++){ const t0=performance.now(); for (let i=0;i<20;i++) for (const q of qs) await svc.search({q, limit:20, offset:0}); console.log('service us/query', ((performance.now()-t0)*1000/(20*qs.length)).toFixed(1)); }
for (let r=0;r<2;r++){ const t0=performance.now(); for (let i=0;i<5;i++) for (const q of qs) await s.app.http.inject({method:'GET', url:'/api/v1/procedures?q='+encodeURIComponent(q)}); console.log('inject us/query', ((performance.now()-t0)*1000/(5*qs.length)).toFixed(1)); }
for (let r=0;r<2;r++){ const t0=performance.now(); for (let i=0;i<500;i++) await s.app.http.inject({method:'GET', url:'/bench/hello'}); console.log('inject hello us', ((performance.now()-t0)*1000/500).toFixed(1)); }
await s.close();
