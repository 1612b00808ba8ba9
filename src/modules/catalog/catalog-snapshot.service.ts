import { slugify } from '../../platform/i18n/text.ts';
import type { LifeEventRow, QuestionRow } from './catalog.repo.ts';
import type { FeeFilter, ProcedureRecord, ProcedureSummary } from './catalog.types.ts';
import { createProcedureSearchEngine, type ProcedureSearchEngine, type SearchableProcedure } from './search/procedure-search.engine.ts';
import type { SynonymDictionary } from './search/query.planner.ts';
import { buildFacetTable, type FacetTable } from './search/facet-counts.engine.ts';

/** The catalog as the web process serves it: current records, lookups and the search engine. */
export interface CatalogSnapshot {
  readonly procedures: readonly ProcedureRecord[];
  readonly summaries: readonly ProcedureSummary[];
  /** Per procedure, the values the result facets count. */
  readonly facets: FacetTable;
  readonly byCode: ReadonlyMap<string, number>;
  readonly questionsByCode: ReadonlyMap<string, readonly QuestionRow[]>;
  readonly questions: readonly QuestionRow[];
  /** The questions the engine indexed (those of known procedures), by engine position. */
  readonly indexedQuestions: readonly QuestionRow[];
  readonly lifeEvents: readonly LifeEventRow[];
  readonly sectors: ReadonlyMap<string, { name: string; count: number }>;
  readonly agencies: ReadonlyMap<string, { name: string; code: string | null; count: number }>;
  readonly engine: ProcedureSearchEngine;
  readonly loadedAt: Date;
}

const FACET_ROLES = new Set(['competent', 'implementing']);

export function buildSnapshot(
  records: readonly ProcedureRecord[],
  questions: readonly QuestionRow[],
  lifeEvents: readonly LifeEventRow[],
  dictionary: SynonymDictionary,
  now: Date,
): CatalogSnapshot {
  const byCode = new Map(records.map((r, i) => [r.code, i]));
  const questionsByCode = new Map<string, QuestionRow[]>();
  for (const q of questions) {
    const list = questionsByCode.get(q.procedureCode) ?? [];
    list.push(q);
    questionsByCode.set(q.procedureCode, list);
  }
  const sectors = new Map<string, { name: string; count: number }>();
  const agencies = new Map<string, { name: string; code: string | null; count: number }>();
  const searchable: SearchableProcedure[] = [];
  const summaries: ProcedureSummary[] = [];
  const facetRows: Array<{ sector: string | null; levels: readonly string[]; agencies: readonly string[]; online: boolean; fee: string }> = [];
  for (const r of records) {
    const sectorSlug = r.sector ? slugify(r.sector) : null;
    if (sectorSlug && r.sector) {
      const s = sectors.get(sectorSlug) ?? { name: r.sector, count: 0 };
      s.count++;
      sectors.set(sectorSlug, s);
    }
    const agencyNames = uniqueAgencyNames(r);
    const agencySlugs = agencyNames.map((a) => slugify(a.name));
    agencyNames.forEach((a, k) => {
      const slug = agencySlugs[k]!;
      const entry = agencies.get(slug) ?? { name: a.name, code: a.code, count: 0 };
      entry.count++;
      agencies.set(slug, entry);
    });
    const fee = feeOf(r);
    const online = r.channels.some((c) => c.channel === 'online');
    const qs = questionsByCode.get(r.code) ?? [];
    searchable.push({
      code: r.code,
      name: r.name,
      sector: r.sector ?? '',
      sectorSlug,
      levels: r.levels,
      agencySlugs,
      online,
      fee,
      results: r.results.map((x) => x.name).join(' . '),
      agencies: agencyNames.map((a) => a.name).join(' . '),
      // Vietnamese only: an English word in one answer would make an English query demand it everywhere.
      questions: qs.map((q) => q.questionVi).join(' . '),
    });
    facetRows.push({ sector: sectorSlug, levels: r.levels, agencies: agencySlugs, online, fee });
    summaries.push({
      code: r.code,
      name: r.name,
      sector: r.sector,
      sectorSlug,
      levels: r.levels,
      agencies: agencyNames.map((a) => a.name),
      online,
      fee,
      shortestDuration: shortestDuration(r),
    });
  }
  const indexedQuestions = questions.filter((q) => byCode.has(q.procedureCode));
  const engine = createProcedureSearchEngine(
    searchable,
    indexedQuestions.map((q) => ({ procedureIndex: byCode.get(q.procedureCode)!, question: `${q.questionVi} ${q.questionEn ?? ''}`, answer: q.answerVi })),
    dictionary,
  );
  return { procedures: records, summaries, facets: buildFacetTable(facetRows), byCode, questionsByCode, questions, indexedQuestions, lifeEvents, sectors, agencies, engine, loadedAt: now };
}

function uniqueAgencyNames(r: ProcedureRecord): Array<{ name: string; code: string | null }> {
  const seen = new Map<string, { name: string; code: string | null }>();
  for (const ref of r.agencyRefs) {
    if (!FACET_ROLES.has(ref.role)) continue;
    const slug = slugify(ref.name);
    if (slug && !seen.has(slug)) seen.set(slug, { name: ref.name, code: ref.code });
  }
  return [...seen.values()];
}

/** Free only when every channel that states a fee states zero; paid when any states an amount. */
export function feeOf(r: ProcedureRecord): FeeFilter | 'unknown' {
  const amounts = r.channels.map((c) => c.feeAmountVnd);
  if (amounts.some((a) => a !== null && a > 0)) return 'paid';
  if (amounts.length > 0 && amounts.every((a) => a === 0)) return 'free';
  return 'unknown';
}

const UNIT_HOURS: Record<string, number> = { hours: 1, working_days: 8, days: 24, months: 24 * 30 };

function shortestDuration(r: ProcedureRecord): { value: number; unit: string } | null {
  let best: { value: number; unit: string } | null = null;
  for (const c of r.channels) {
    if (!c.duration) continue;
    const hours = c.duration.value * (UNIT_HOURS[c.duration.unit] ?? 24);
    if (!best || hours < best.value * (UNIT_HOURS[best.unit] ?? 24)) best = { value: c.duration.value, unit: c.duration.unit };
  }
  return best;
}
