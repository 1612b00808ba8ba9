// Builds db/seed/catalog/procedures.json.gz — the product's compact, normalised copy of the real
// procedure catalog — from the scraped records in ../shared/data. Run: node --import tsx scripts/build-catalog-seed.ts [folder]
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT_DIR } from '../src/config/env.ts';
import { parseProcedureRecord } from '../src/modules/catalog/procedure-record.parser.ts';

const folder = path.resolve(process.argv[2] ?? path.join(ROOT_DIR, '../shared/data/tthc-dichvucong-chatbot_tthc/raw'));
const files: string[] = [];
const walk = (dir: string) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name.endsWith('.json')) files.push(full);
  }
};
walk(folder);
const items = [];
let failed = 0;
for (const file of files) {
  const relative = path.relative(folder, file);
  const outcome = parseProcedureRecord(JSON.parse(fs.readFileSync(file, 'utf8')), relative);
  if (!outcome.ok) {
    failed++;
    console.error(`${relative}: ${outcome.reason}`);
    continue;
  }
  items.push({ file: relative, ministryFolder: path.basename(path.dirname(file)), procedure: outcome.procedure, warnings: outcome.warnings });
}
const out = path.join(ROOT_DIR, 'db/seed/catalog/procedures.json.gz');
const json = JSON.stringify({ source: 'chatbot-tthc/chatbot_tthc@53229487 (scraped from dichvucong.gov.vn)', items });
fs.writeFileSync(out, gzipSync(json, { level: 9 }));
console.log(`${items.length} procedures written to ${path.relative(ROOT_DIR, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB), ${failed} failed`);
