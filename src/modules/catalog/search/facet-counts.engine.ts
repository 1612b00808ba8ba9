/**
 * Facet counts over a hit list, for the five result filters. Each facet counts the hits that pass
 * every OTHER selected filter (so choosing a sector still shows the other sectors' counts). Values
 * are small integers prepared once per catalog snapshot, so counting is array arithmetic.
 */
export const LEVELS = ['ministry', 'province', 'commune', 'other'] as const;
export const FEES = ['free', 'paid', 'unknown'] as const;

export interface FacetTable {
  /** Slugs by id. */
  readonly sectorSlugs: readonly string[];
  readonly agencySlugs: readonly string[];
  /** Per procedure: sector id (-1 none), level bit set, agency ids, online 0/1, fee index. */
  readonly sector: Int32Array;
  readonly levels: Uint8Array;
  readonly agencies: readonly Int32Array[];
  readonly online: Uint8Array;
  readonly fee: Uint8Array;
}

export interface FacetSelection {
  sector?: string;
  level?: string;
  agency?: string;
  online?: boolean;
  fee?: string;
}

export interface FacetCounts {
  sector: Map<string, number>;
  level: Map<string, number>;
  agency: Map<string, number>;
  online: Map<string, number>;
  fee: Map<string, number>;
}

export function buildFacetTable(
  rows: ReadonlyArray<{ sector: string | null; levels: readonly string[]; agencies: readonly string[]; online: boolean; fee: string }>,
): FacetTable {
  const sectorIds = new Map<string, number>();
  const agencyIds = new Map<string, number>();
  const idOf = (ids: Map<string, number>, key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const n = rows.length;
  const sector = new Int32Array(n);
  const levels = new Uint8Array(n);
  const online = new Uint8Array(n);
  const fee = new Uint8Array(n);
  const agencies: Int32Array[] = [];
  rows.forEach((r, i) => {
    sector[i] = r.sector ? idOf(sectorIds, r.sector) : -1;
    levels[i] = r.levels.reduce((bits, l) => bits | (1 << Math.max(0, LEVELS.indexOf(l as (typeof LEVELS)[number]))), 0);
    agencies.push(Int32Array.from(r.agencies, (a) => idOf(agencyIds, a)));
    online[i] = r.online ? 1 : 0;
    fee[i] = Math.max(0, FEES.indexOf(r.fee as (typeof FEES)[number]));
  });
  return { sectorSlugs: [...sectorIds.keys()], agencySlugs: [...agencyIds.keys()], sector, levels, agencies, online, fee };
}

const SECTOR = 1;
const LEVEL = 2;
const AGENCY = 4;
const ONLINE = 8;
const FEE = 16;

export function countFacets(table: FacetTable, hits: readonly number[], selection: FacetSelection): FacetCounts {
  const wantSector = selection.sector === undefined ? -2 : table.sectorSlugs.indexOf(selection.sector);
  const wantAgency = selection.agency === undefined ? -2 : table.agencySlugs.indexOf(selection.agency);
  const wantLevel = selection.level === undefined ? 0 : 1 << Math.max(0, LEVELS.indexOf(selection.level as (typeof LEVELS)[number]));
  const wantOnline = selection.online === undefined ? -1 : selection.online ? 1 : 0;
  const wantFee = selection.fee === undefined ? -1 : FEES.indexOf(selection.fee as (typeof FEES)[number]);
  const sectorCounts = new Int32Array(table.sectorSlugs.length);
  const agencyCounts = new Int32Array(table.agencySlugs.length);
  const levelCounts = new Int32Array(LEVELS.length);
  const onlineCounts = new Int32Array(2);
  const feeCounts = new Int32Array(FEES.length);
  for (const i of hits) {
    let failed = 0;
    if (wantSector !== -2 && table.sector[i] !== wantSector) failed |= SECTOR;
    if (wantLevel !== 0 && (table.levels[i]! & wantLevel) === 0) failed |= LEVEL;
    if (wantAgency !== -2 && !table.agencies[i]!.includes(wantAgency)) failed |= AGENCY;
    if (wantOnline !== -1 && table.online[i] !== wantOnline) failed |= ONLINE;
    if (wantFee !== -1 && table.fee[i] !== wantFee) failed |= FEE;
    // A hit failing two filters counts nowhere; failing one, it counts only in that facet.
    if (failed !== 0 && (failed & (failed - 1)) !== 0) continue;
    if ((failed === 0 || failed === SECTOR) && table.sector[i]! >= 0) sectorCounts[table.sector[i]!]!++;
    if (failed === 0 || failed === LEVEL) {
      for (let l = 0; l < LEVELS.length; l++) if (table.levels[i]! & (1 << l)) levelCounts[l]!++;
    }
    if (failed === 0 || failed === AGENCY) for (const a of table.agencies[i]!) agencyCounts[a]!++;
    if (failed === 0 || failed === ONLINE) onlineCounts[table.online[i]!]!++;
    if (failed === 0 || failed === FEE) feeCounts[table.fee[i]!]!++;
  }
  const toMap = (names: readonly string[], counts: Int32Array) => {
    const out = new Map<string, number>();
    counts.forEach((c, id) => {
      if (c > 0) out.set(names[id]!, c);
    });
    return out;
  };
  const fees = toMap(FEES, feeCounts);
  fees.delete('unknown');
  return {
    sector: toMap(table.sectorSlugs, sectorCounts),
    level: toMap(LEVELS, levelCounts),
    agency: toMap(table.agencySlugs, agencyCounts),
    online: toMap(['false', 'true'], onlineCounts),
    fee: fees,
  };
}
