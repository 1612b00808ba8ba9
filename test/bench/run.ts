// npm run bench -- <name>: runs test/bench/<name>.bench.ts (all of them without a name).
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const wanted = process.argv[2];
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!wanted || f === `${wanted}.bench.ts`));
if (benches.length === 0) {
  console.error(`No benchmark named "${wanted}" in test/bench`);
  process.exit(1);
}
for (const file of benches) {
  console.log(`== ${file}`);
  await import(path.join(dir, file));
}
