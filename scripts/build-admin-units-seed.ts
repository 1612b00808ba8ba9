/**
 * Builds the shipped administrative-unit seed files (db/seed/admin-units/) from the MIT-licensed
 * dvhcvn 2025 data set. Only that data set may ship: the GPL sets are test oracles and are not read here.
 *
 *   npx tsx scripts/build-admin-units-seed.ts [--source ../shared/data/vn-admin-units-2025-dvhcvn]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  deriveCommuneType,
  deriveLegacyUnitType,
  deriveProvinceType,
  type CommuneSeed,
  type LegacyCommuneSeed,
  type LegacyProvinceSeed,
  type ProvinceSeed,
} from '../src/modules/agencies/admin-unit.workflow.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argSource = process.argv.indexOf('--source');
const SOURCE = path.resolve(
  argSource > 0 ? (process.argv[argSource + 1] ?? '') : path.join(ROOT, '..', 'shared', 'data', 'vn-admin-units-2025-dvhcvn'),
);
const OUT = path.join(ROOT, 'db', 'seed', 'admin-units');

interface MergeFile {
  data: Array<{
    level1_id: string;
    name: string;
    merges: Array<{ old_id: string; name: string; type: string }>;
    level2s: Array<{ level2_id: string; name: string; merges: Array<{ old_id: string; name: string; type: 'full' | 'partial' }> }>;
  }>;
}
interface SplitFile {
  data: Array<{
    level1_id: string;
    name: string;
    splits: Array<{ new_id: string; name: string }>;
    level2s?: Array<{ level2_id: string; name: string; splits: Array<{ new_id: string; name: string }> }>;
    level3s: Array<{ level3_id: string; name: string; splits: Array<{ new_id: string; name: string }> }>;
  }>;
}

/** Trims, collapses whitespace (the upstream CSV joined `<br>` cells) and composes to NFC. */
function clean(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A minimal CSV reader: the source files quote cells only when they hold commas. */
function readCsv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((c) => c !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  if (row.some((c) => c !== '')) rows.push(row);
  return rows;
}

function main(): void {
  if (!fs.existsSync(SOURCE)) throw new Error(`Source folder ${SOURCE} not found`);
  const merges = JSON.parse(fs.readFileSync(path.join(SOURCE, 'merges_new_to_old.json'), 'utf8')) as MergeFile;
  const splits = JSON.parse(fs.readFileSync(path.join(SOURCE, 'splits_old_to_new.json'), 'utf8')) as SplitFile;

  // Provinces: codes and short names from 915/CTK-CSCL, full names ("Tỉnh …") from the merge file.
  const fullNames = new Map(merges.data.map((p) => [p.level1_id, clean(p.name)]));
  const provinces: ProvinceSeed[] = readCsv(path.join(SOURCE, 'provinces_34_915_CTK-CSCL.csv'))
    .slice(1)
    .map(([, code, name]) => {
      const shortName = clean(name ?? '').replace(/^Thành phố /, '');
      const fullName = fullNames.get(code ?? '') ?? clean(name ?? '');
      return { code: code ?? '', name: fullName, shortName, type: deriveProvinceType(fullName) };
    });

  // Communes: names from 1027/CTK-CSCL; the province comes from the merge file, because the CSV's
  // province column is abbreviated ("Tp …") and was split by line breaks upstream.
  const communeProvince = new Map<string, string>();
  const partial = new Map<string, 'full' | 'partial'>();
  for (const p of merges.data) {
    for (const c of p.level2s) {
      communeProvince.set(c.level2_id, p.level1_id);
      for (const m of c.merges) partial.set(`${m.old_id}>${c.level2_id}`, m.type);
    }
  }
  const communes: CommuneSeed[] = readCsv(path.join(SOURCE, 'communes_3321_1027_CTK-CSCL.csv'))
    .slice(1)
    .map(([, code, name]) => {
      const provinceCode = communeProvince.get(code ?? '');
      if (!provinceCode) throw new Error(`Commune ${code} has no province in merges_new_to_old.json`);
      const n = clean(name ?? '');
      return { code: code ?? '', name: n, type: deriveCommuneType(n), provinceCode };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  // Old units: every pre-2025 commune (and the five island districts that had no communes), with
  // the new commune(s) each went to and whether it went whole or in part.
  const legacyProvinces: LegacyProvinceSeed[] = [];
  const legacyCommunes: LegacyCommuneSeed[] = [];
  const known = new Set(communes.map((c) => c.code));
  for (const p of splits.data) {
    legacyProvinces.push({ id: p.level1_id, name: clean(p.name), provinceCodes: p.splits.map((s) => s.new_id) });
    const units = [
      ...(p.level2s ?? []).map((d) => ({ id: d.level2_id, name: d.name, splits: d.splits })),
      ...p.level3s.map((c) => ({ id: c.level3_id, name: c.name, splits: c.splits })),
    ];
    for (const u of units) {
      const name = clean(u.name);
      const targets = u.splits.map((s) => {
        if (!known.has(s.new_id)) throw new Error(`Old unit ${u.id} maps to unknown commune ${s.new_id}`);
        const type = partial.get(`${u.id}>${s.new_id}`) ?? (u.splits.length > 1 ? 'partial' : 'full');
        return [s.new_id, type === 'full' ? 'F' : 'P'] as [string, 'F' | 'P'];
      });
      legacyCommunes.push([u.id, name, p.level1_id, deriveLegacyUnitType(name), targets]);
    }
  }
  legacyCommunes.sort((a, b) => a[0].localeCompare(b[0]));

  fs.mkdirSync(OUT, { recursive: true });
  const write = (file: string, data: unknown) => {
    const json = `${JSON.stringify(data)}\n`;
    fs.writeFileSync(path.join(OUT, file), json);
    return json.length;
  };
  const sizes = {
    'provinces.json': write('provinces.json', provinces),
    'communes.json': write('communes.json', communes),
    'legacy-communes.json': write('legacy-communes.json', {
      format: '[oldId, oldName, oldProvinceId, oldType, [[newCommuneCode, F(ull)|P(artial)], …]]',
      provinces: legacyProvinces,
      communes: legacyCommunes,
    }),
  };
  // Written, not copied, so the read-only mode of the source file does not follow.
  fs.writeFileSync(path.join(OUT, 'LICENSE'), fs.readFileSync(path.join(SOURCE, 'LICENSE')));
  fs.writeFileSync(path.join(OUT, 'SOURCE.md'), sourceNotice());
  const split = legacyCommunes.filter((c) => c[4].length > 1).length;
  console.log(
    JSON.stringify({ provinces: provinces.length, communes: communes.length, legacyProvinces: legacyProvinces.length, legacyUnits: legacyCommunes.length, split, sizes }),
  );
}

function sourceNotice(): string {
  return `# Administrative units after the 1 July 2025 reform

Generated by \`scripts/build-admin-units-seed.ts\`; do not edit by hand.

- Data: dvhcvn, "20250701" — https://github.com/dvhcvn/20250701 (commit dd94887c), also at https://2025.dvhcvn.com
- Licence: MIT, Copyright (c) 2025 dvhcvn — see \`LICENSE\` in this folder, which must ship with these files.
- Upstream inputs: Nghị quyết 60-NQ/TW (34 provinces); Công văn 915/CTK-CSCL (province codes);
  Công văn 1027/CTK-CSCL of 25 Jun 2025 (3,321 commune codes); Nghị quyết 1654–1687/NQ-UBTVQH15.
- Changes made here: names trimmed and NFC-composed; unit type derived from the name; the old→new
  mapping regrouped per old unit (\`legacy-communes.json\`), with full/partial taken from the merge list.
- Caveat (upstream): the mapping was produced with LLM assistance and manual checks; treat partial
  mappings as probable, and ask the user to confirm a converted address when a unit was split.
`;
}

main();
