/**
 * Builds db/seed/agencies.json: ministries and central bodies derived from the agency fields of the
 * national procedure records, the local kinds those records name generically, and the local
 * register (34 provincial People's Committees, their departments, 3,321 commune People's Committees).
 * Run after build-admin-units-seed.ts.
 *
 *   npx tsx scripts/build-agencies-seed.ts [--procedures ../shared/data/tthc-dichvucong-chatbot_tthc/raw]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommuneSeed, LegacyCommunesFile, ProvinceSeed } from '../src/modules/agencies/admin-unit.types.ts';
import {
  LOCAL_KINDS,
  classifyAgencyName,
  getLocalKind,
  type LocalKindDefinition,
  type ProvinceName,
} from '../src/modules/agencies/agency-kind.workflow.ts';
import { agencyKey, extractShortName, splitAgencyList } from '../src/modules/agencies/agency-name.workflow.ts';
import {
  AGENCY_CODE_SCHEME,
  childCode,
  communePcCode,
  fallbackTopCode,
  ministryCode,
  provinceInstanceCode,
  provincePcCode,
} from '../src/modules/agencies/agency-code.workflow.ts';
import type { AgenciesSeedFile, AgencyKind, AgencySeedRow, LocalKind } from '../src/modules/agencies/agency.types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv.indexOf('--procedures');
const PROCEDURES = path.resolve(
  arg > 0 ? (process.argv[arg + 1] ?? '') : path.join(ROOT, '..', 'shared', 'data', 'tthc-dichvucong-chatbot_tthc', 'raw'),
);
const SEED = path.join(ROOT, 'db', 'seed');
const AGENCY_FIELDS = ['co_quan_co_tham_quyen', 'co_quan_thuc_hien', 'co_quan_duoc_uy_quyen', 'co_quan_phoi_hop'] as const;
const DECIDING_FIELDS = new Set(['co_quan_co_tham_quyen', 'co_quan_thuc_hien']);

// The ministry that publishes each folder of the data set.
const FOLDER_MINISTRY: Record<string, string> = {
  'bo-cong-an': 'Bộ Công an',
  'bo-tai-chinh': 'Bộ Tài chính',
  'bo-xay-dung': 'Bộ Xây dựng',
  'bo-tu-phap': 'Bộ Tư pháp',
  'bo-nong-nghiep-mt': 'Bộ Nông nghiệp và Môi trường',
};

// Bodies at the top of the state that belong to no ministry.
const TOP_LEVEL = new Set(['chính phủ', 'thủ tướng chính phủ', 'quốc hội', 'chủ tịch nước', 'tổng công ty đường sắt việt nam']);
// Ministerial-level bodies whose name does not start with "Bộ".
const MINISTRY_LEVEL = new Set(['ngân hàng nhà nước việt nam', 'văn phòng chính phủ']);
// "Bộ …" names that are not ministries.
const NOT_MINISTRY = /^bộ (tham mưu|tổng tham mưu|phận|trưởng)/;
// Parents the folder cannot tell (a body named in another ministry's procedure), by key prefix.
const PARENT_RULES: Array<[RegExp, string]> = [
  [/^(cục tác chiến|bộ tham mưu)/, 'Bộ Quốc phòng'],
  [/^bảo hiểm xã hội việt nam$/, 'Bộ Tài chính'],
  [/^công đoàn cơ quan bảo hiểm xã hội việt nam$/, 'Bảo hiểm xã hội Việt Nam'],
  [/^trung tâm thông tin công nghiệp và thương mại$/, 'Bộ Công Thương'],
  [/^cảng vụ hàng không miền/, 'Cục Hàng không Việt Nam'],
  [/^chi cục hàng hải và đường thủy phía/, 'Cục Hàng hải và Đường thủy Việt Nam'],
  [/^cơ quan đăng ký tàu biển việt nam$/, 'Cục Hàng hải và Đường thủy Việt Nam'],
  [/^chi cục kiểm dịch thực vật vùng/, 'Cục Trồng trọt và Bảo vệ thực vật'],
  [/^(trung tâm|chi cục) chất lượng chế biến và phát triển thị trường (vùng|khu vực)/, 'Cục Chất lượng, Chế biến và Phát triển thị trường'],
  [/^chi cục thuế (doanh nghiệp lớn|thương mại điện tử)/, 'Cục Thuế'],
  [/^trung tâm đăng kiểm phương tiện giao thông|^trung tâm chứng nhận hệ thống quản lý chất lượng và an toàn/, 'Cục Đăng kiểm Việt Nam'],
];
// Official spellings where the data set has only a variant.
const DISPLAY_OVERRIDES: Record<string, string> = { 'bộ công thương': 'Bộ Công Thương', 'quốc hội': 'Quốc hội' };
// Names relative to their ministry: shown with the ministry's name.
const MINISTRY_RELATIVE = new Set(['thanh tra bộ', 'văn phòng bộ']);

interface CentralBody {
  key: string;
  variants: Map<string, number>;
  aliases: Set<string>;
  parentHints: Set<string>;
  folders: Map<string, number>;
}

function readProcedures(): Array<{ folder: string; record: Record<string, string> }> {
  if (!fs.existsSync(PROCEDURES)) throw new Error(`Procedure folder ${PROCEDURES} not found`);
  const out: Array<{ folder: string; record: Record<string, string> }> = [];
  for (const folder of fs.readdirSync(PROCEDURES).sort()) {
    const dir = path.join(PROCEDURES, folder);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      out.push({ folder, record: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, string> });
    }
  }
  return out;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Most frequent variant whose word after the head noun is capitalised; capitalised here if none is. */
function pickDisplayName(variants: Map<string, number>): string {
  const ranked = [...variants.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const proper = ranked.find(([v]) => isProperlyCased(v));
  const chosen = (proper ?? ranked[0])?.[0] ?? '';
  return proper ? chosen : capitaliseAfterHead(chosen);
}

const HEAD = /^(Bộ|Cục|Tổng cục|Vụ|Sở|Chi cục|Trung tâm|Ban|Văn phòng|Ủy ban|Uỷ ban|Quỹ|Thanh tra) (\S)/u;
function isProperlyCased(name: string): boolean {
  const m = HEAD.exec(name);
  return !m || m[2] !== m[2]?.toLowerCase();
}
function capitaliseAfterHead(name: string): string {
  return name.replace(HEAD, (_all, head: string, first: string) => `${head} ${first.toUpperCase()}`);
}

function main(): void {
  const provinces = JSON.parse(fs.readFileSync(path.join(SEED, 'admin-units', 'provinces.json'), 'utf8')) as ProvinceSeed[];
  const communes = JSON.parse(fs.readFileSync(path.join(SEED, 'admin-units', 'communes.json'), 'utf8')) as CommuneSeed[];
  const legacy = JSON.parse(fs.readFileSync(path.join(SEED, 'admin-units', 'legacy-communes.json'), 'utf8')) as LegacyCommunesFile;
  // Current provinces, then former ones that went whole into one current province.
  const provinceNames: ProvinceName[] = [
    ...provinces.map((p) => ({ code: p.code, shortName: p.shortName })),
    ...legacy.provinces
      .filter((p) => p.provinceCodes.length === 1)
      .map((p) => ({ code: p.provinceCodes[0] as string, shortName: p.name.replace(/^(Tỉnh|Thành phố) /u, '') })),
  ];

  // 1. Classify every name in every agency field.
  const central = new Map<string, CentralBody>();
  const kindMentions = new Map<string, Map<string, number>>(); // kind key → raw names
  const provinceMentions = new Map<string, Set<string>>(); // `${kind}|${province}` → raw names
  const noise = new Set<string>();
  const formerPrefixes = new Map<string, Set<string>>(); // ministry key → prefixes of its predecessor
  const procedureAgencies: Array<{ folder: string; keys: Set<string>; prefixes: string[] }> = [];
  const procedures = readProcedures();
  for (const { folder, record } of procedures) {
    const deciding = new Set<string>();
    for (const field of AGENCY_FIELDS) {
      for (const name of splitAgencyList(record[field])) {
        const c = classifyAgencyName(name, provinceNames);
        if (c.type === 'noise') {
          noise.add(name);
          continue;
        }
        if (c.type === 'local') {
          const mentions = kindMentions.get(c.kind.key) ?? new Map<string, number>();
          bump(mentions, name);
          kindMentions.set(c.kind.key, mentions);
          if (c.provinceCode) {
            const k = `${c.kind.key}|${c.provinceCode}`;
            provinceMentions.set(k, (provinceMentions.get(k) ?? new Set()).add(name));
          }
          continue;
        }
        const body = central.get(c.key) ?? { key: c.key, variants: new Map(), aliases: new Set(), parentHints: new Set(), folders: new Map() };
        if (!c.role) bump(body.variants, c.body);
        body.aliases.add(name);
        if (c.parentHint) body.parentHints.add(c.parentHint);
        bump(body.folders, folder);
        central.set(c.key, body);
        if (DECIDING_FIELDS.has(field)) deciding.add(c.key);
      }
    }
    const prefixes = [...new Set([...(record.ket_qua_xu_ly ?? '').matchAll(/KQ\.(G\d{2})\./g)].map((m) => m[1] as string))];
    // "Bộ xây dựng (Giao thông vận tải cũ)": the result codes are those of the former ministry.
    for (const field of DECIDING_FIELDS) {
      for (const name of splitAgencyList(record[field])) {
        if (!/\([^()]*\bcũ\s*\)/u.test(name)) continue;
        const key = agencyKey(name);
        formerPrefixes.set(key, new Set([...(formerPrefixes.get(key) ?? []), ...prefixes]));
      }
    }
    procedureAgencies.push({ folder, keys: deciding, prefixes });
  }

  // 2. Bodies named only as parents or by the kind table (e.g. "Bộ Nội vụ", "Cục Thuế") exist too.
  const ensure = (name: string): CentralBody => {
    const key = agencyKey(name);
    const found = central.get(key);
    if (found) return found;
    const body: CentralBody = { key, variants: new Map([[name, 0]]), aliases: new Set([name]), parentHints: new Set(), folders: new Map() };
    central.set(key, body);
    return body;
  };
  for (const body of [...central.values()]) for (const hint of body.parentHints) ensure(hint);
  for (const kind of LOCAL_KINDS) {
    const parent = kind.instance?.parent;
    if (parent?.startsWith('central:')) ensure(parent.slice('central:'.length));
  }
  for (const [, target] of PARENT_RULES) ensure(target);
  for (const ministry of Object.values(FOLDER_MINISTRY)) ensure(ministry);

  // 3. Kind and parent of each central body.
  const isMinistry = (key: string) => MINISTRY_LEVEL.has(key) || (/^bộ \S/.test(key) && !NOT_MINISTRY.test(key));
  const parentOf = new Map<string, string | null>();
  for (const body of central.values()) {
    if (isMinistry(body.key) || TOP_LEVEL.has(body.key)) {
      parentOf.set(body.key, null);
      continue;
    }
    const hints = [...body.parentHints].map(agencyKey);
    if (new Set(hints).size > 1) throw new Error(`${body.key} has several parents: ${hints.join(', ')}`);
    const rule = PARENT_RULES.find(([re]) => re.test(body.key));
    const folder = [...body.folders.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const parent = hints[0] ?? (rule ? agencyKey(rule[1]) : folder ? agencyKey(FOLDER_MINISTRY[folder] ?? '') : null);
    if (!parent || !central.has(parent)) throw new Error(`No parent for ${body.key}`);
    parentOf.set(body.key, parent);
  }
  const ministryOf = (key: string): string | null => {
    let k: string | null | undefined = key;
    for (let i = 0; k && i < 10; i++) {
      if (isMinistry(k)) return k;
      k = parentOf.get(k);
    }
    return null;
  };

  // 4. Ministry Gnn: the most frequent result-code prefix ("KQ.G12.000327") of the procedures that
  // the ministry itself decides, else that its units decide, among the procedures it publishes (a
  // ministry co-named in another ministry's procedure would otherwise inherit that ministry's
  // prefix). A prefix goes to one ministry only, strongest evidence first.
  const direct = new Map<string, Map<string, number>>();
  const viaUnits = new Map<string, Map<string, number>>();
  for (const p of procedureAgencies) {
    const owner = agencyKey(FOLDER_MINISTRY[p.folder] ?? '');
    const ministries = [...p.keys].map((k) => [k, ministryOf(k)] as const).filter(([, m]) => m === owner);
    if (ministries.length === 0) continue;
    const target = ministries.some(([k]) => k === owner) ? direct : viaUnits;
    const counts = target.get(owner) ?? new Map<string, number>();
    for (const prefix of p.prefixes) if (!formerPrefixes.get(owner)?.has(prefix)) bump(counts, prefix);
    target.set(owner, counts);
  }
  const ministryCodes: AgenciesSeedFile['ministryCodes'] = {};
  for (const [m, set] of formerPrefixes) console.error(`${m}: prefixes of its predecessor, not used: ${[...set].join(', ')}`);
  const taken = new Set<string>();
  const candidates = [...new Set([...direct.keys(), ...viaUnits.keys()])]
    .map((m) => {
      const own = Math.max(0, ...(direct.get(m)?.values() ?? []));
      const source = own >= 3 ? 'itself' : 'its units';
      const counts = (own >= 3 ? direct.get(m) : viaUnits.get(m)) ?? new Map<string, number>();
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const total = ranked.reduce((s, [, n]) => s + n, 0);
      return { m, top: ranked[0], total, ranked, source };
    })
    .filter((c) => c.top && c.top[1] >= 3)
    .sort((a, b) => (b.top?.[1] ?? 0) - (a.top?.[1] ?? 0));
  const gCode = new Map<string, string>();
  for (const c of candidates) {
    const [prefix, n] = c.top as [string, number];
    if (taken.has(prefix)) continue;
    taken.add(prefix);
    gCode.set(c.m, prefix);
    ministryCodes[c.m] = {
      code: prefix,
      evidence: `${n} of ${c.total} result codes of procedures decided by ${c.source}: ${c.ranked.slice(0, 3).map(([p, k]) => `${p}×${k}`).join(', ')}`,
    };
  }

  // 5. Codes and rows.
  const rows: AgencySeedRow[] = [];
  const codeOf = new Map<string, string>();
  const displayOf = new Map<string, string>();
  for (const body of central.values()) {
    let name = DISPLAY_OVERRIDES[body.key] ?? pickDisplayName(body.variants);
    if (MINISTRY_RELATIVE.has(body.key)) {
      const ministry = ministryOf(body.key);
      if (ministry) name = `${name} ${pickDisplayName(central.get(ministry)?.variants ?? new Map()).replace(/^Bộ /u, '')}`;
    }
    displayOf.set(body.key, name);
  }
  const tops = [...central.values()].filter((b) => parentOf.get(b.key) === null).sort((a, b) => a.key.localeCompare(b.key, 'vi'));
  let fallback = 0;
  for (const top of tops) {
    const g = gCode.get(top.key);
    codeOf.set(top.key, g ? ministryCode(g) : fallbackTopCode(++fallback));
  }
  const children = (parent: string) =>
    [...central.values()].filter((b) => parentOf.get(b.key) === parent).sort((a, b) => a.key.localeCompare(b.key, 'vi'));
  const assignChildren = (parent: string) => {
    children(parent).forEach((child, i) => {
      codeOf.set(child.key, childCode(codeOf.get(parent) as string, i + 1));
      assignChildren(child.key);
    });
  };
  for (const top of tops) assignChildren(top.key);
  for (const body of central.values()) {
    const code = codeOf.get(body.key);
    if (!code) throw new Error(`No code for ${body.key} (parent cycle?)`);
    const parent = parentOf.get(body.key) ?? null;
    const kind: AgencyKind = isMinistry(body.key) ? 'ministry' : parent ? 'central_unit' : 'other';
    const name = displayOf.get(body.key) as string;
    const shortName = [...body.aliases].map(extractShortName).find((s) => s !== undefined) ?? null;
    rows.push([code, name, shortName, kind, parent ? (codeOf.get(parent) as string) : null, null, null, null, aliasList(name, body.aliases)]);
  }
  const centralCode = (name: string) => codeOf.get(agencyKey(name)) as string;

  // Provinces: the People's Committee and one agency per instantiated local kind.
  const instantiated = LOCAL_KINDS.filter((k) => k.instance);
  const legacyAliases = (kind: LocalKindDefinition, provinceCode: string): string[] => [
    ...(provinceMentions.get(`${kind.key}|${provinceCode}`) ?? []),
    ...LOCAL_KINDS.filter((old) => old.successor === kind.key && !old.instance).flatMap((old) => [
      ...(provinceMentions.get(`${old.key}|${provinceCode}`) ?? []),
    ]),
  ];
  for (const p of provinces) {
    const pcName = `Ủy ban nhân dân ${lowerUnitType(p.name)}`;
    const pcCode = provincePcCode(p.code);
    rows.push([pcCode, pcName, null, 'province_pc', null, p.code, null, 'province.pc', aliasList(pcName, legacyAliases(getLocalKind('province.pc'), p.code))]);
    const instanceCode = (kind: LocalKindDefinition): string => {
      const inst = kind.instance;
      if (!inst) throw new Error(`${kind.key} has no instances`);
      if (inst.parent?.startsWith('kind:')) {
        const parentKind = getLocalKind(inst.parent.slice('kind:'.length));
        return childCode(instanceCode(parentKind), inst.slot);
      }
      return provinceInstanceCode(p.code, inst.slot);
    };
    for (const kind of instantiated) {
      const inst = kind.instance as NonNullable<LocalKindDefinition['instance']>;
      const name = `${inst.title} ${lowerUnitType(p.name)}`;
      const parent =
        inst.parent === 'province_pc'
          ? pcCode
          : inst.parent?.startsWith('kind:')
            ? instanceCode(getLocalKind(inst.parent.slice('kind:'.length)))
            : inst.parent?.startsWith('central:')
              ? centralCode(inst.parent.slice('central:'.length))
              : null;
      rows.push([instanceCode(kind), name, null, inst.kind, parent, p.code, null, kind.key, aliasList(name, legacyAliases(kind, p.code))]);
    }
  }
  // Communes: one People's Committee each, numbered within the province in code order.
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const perProvince = new Map<string, number>();
  for (const c of communes) {
    const n = (perProvince.get(c.provinceCode) ?? 0) + 1;
    perProvince.set(c.provinceCode, n);
    const name = `Ủy ban nhân dân ${lowerUnitType(c.name)}`;
    // The bare name repeats across provinces ("Xã Tân Phú"), so only the qualified one is an alias.
    const qualified = `${name}, ${lowerUnitType(provinceName.get(c.provinceCode) ?? '')}`;
    rows.push([communePcCode(c.provinceCode, n), name, null, 'commune_pc', provincePcCode(c.provinceCode), c.provinceCode, c.code, 'commune.pc', [qualified]]);
  }

  // 6. Local kinds, with every spelling seen in the data.
  const localKinds: LocalKind[] = LOCAL_KINDS.map((k) => ({
    key: k.key,
    name: k.name,
    level: k.level,
    current: k.current !== false,
    successorKey: k.successor ?? null,
    instantiated: k.instance !== undefined || k.key === 'province.pc' || k.key === 'commune.pc',
    aliases: [...new Set([k.name, ...k.match.filter((m): m is string => typeof m === 'string'), ...[...(kindMentions.get(k.key)?.keys() ?? [])].filter((n) => !/ (tỉnh|thành phố) \S/iu.test(n) || k.level !== 'province')])].sort(),
  }));

  checkUnique(rows, localKinds);
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  const out: AgenciesSeedFile = {
    generatedBy: 'scripts/build-agencies-seed.ts from the national procedure records (tthc-dichvucong-chatbot_tthc) and db/seed/admin-units',
    codeScheme: AGENCY_CODE_SCHEME,
    ministryCodes,
    localKinds,
    agencies: rows,
    noise: [...noise].sort(),
  };
  const json = `${JSON.stringify(out)}\n`;
  fs.writeFileSync(path.join(SEED, 'agencies.json'), json);
  const byKind: Record<string, number> = {};
  for (const r of rows) byKind[r[3]] = (byKind[r[3]] ?? 0) + 1;
  const variantsMerged = [...central.values()].reduce((s, b) => s + Math.max(0, b.aliases.size - 1), 0);
  console.log(
    JSON.stringify(
      {
        procedures: procedures.length,
        agencies: rows.length,
        byKind,
        centralBodies: central.size,
        centralSpellingsMerged: variantsMerged,
        localKinds: localKinds.length,
        localKindsSeen: kindMentions.size,
        noise: noise.size,
        ministryCodes,
        bytes: json.length,
      },
      null,
      1,
    ),
  );
}

/** "Tỉnh Cà Mau" → "tỉnh Cà Mau", "Phường Ba Đình" → "phường Ba Đình", as inside a longer name. */
function lowerUnitType(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|Phường|Xã|Đặc khu)(?= )/u, (t) => t.toLowerCase());
}

/** Every spelling seen, except the display name itself. */
function aliasList(name: string, aliases: Iterable<string>): string[] {
  return [...new Set([...aliases].filter((a) => a !== name))].sort();
}

function checkUnique(rows: AgencySeedRow[], kinds: LocalKind[]): void {
  const owner = new Map<string, string>();
  const claim = (key: string, who: string) => {
    const prev = owner.get(key);
    if (prev && prev !== who) throw new Error(`Name key "${key}" belongs to both ${prev} and ${who}`);
    owner.set(key, who);
  };
  const codes = new Set<string>();
  for (const r of rows) {
    if (codes.has(r[0])) throw new Error(`Duplicate agency code ${r[0]}`);
    codes.add(r[0]);
    if (r[3] !== 'commune_pc') claim(agencyKey(r[1]), r[0]);
    for (const a of r[8]) claim(agencyKey(a), r[0]);
  }
  for (const k of kinds) for (const a of k.aliases) claim(agencyKey(a), `kind:${k.key}`);
}

main();
