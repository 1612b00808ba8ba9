import { loadSeedSnapshot } from '../test/support/catalog-snapshot.ts';
const s = await loadSeedSnapshot();
for (const q of process.argv.slice(2)) {
  const r = s.engine.search(q, {});
  console.log(q, JSON.stringify(r.plan), r.hits.length, r.hits.slice(0,5).map(i=>s.procedures[i].code+' '+s.procedures[i].name.slice(0,60)));
}
