import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import { listen } from '../../platform/db/listen.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { findVersion, listCurrentRecords, listLifeEvents, listQuestions, listVersions } from './catalog.repo.ts';
import type { CatalogTables } from './catalog.tables.ts';
import type {
  AgencySummary,
  FacetValue,
  LifeEvent,
  ProcedureRecord,
  ProcedureSearchQuery,
  ProcedureSearchResult,
  QuestionAnswer,
  SectorSummary,
} from './catalog.types.ts';
import { buildSnapshot, type CatalogSnapshot } from './catalog-snapshot.service.ts';
import { countFacets, FEES, LEVELS } from './search/facet-counts.engine.ts';
import type { SynonymDictionary } from './search/query.planner.ts';

export interface CatalogServiceDeps {
  db: Kysely<CatalogTables>;
  dictionary: SynonymDictionary;
  logger: Logger;
  now: () => Date;
}

export const MAX_QUERY_LENGTH = 500;


/** Finding and reading procedures: search, records, sectors, agencies, life events, Q&A. */
export function createCatalogService(deps: CatalogServiceDeps) {
  let snapshot: CatalogSnapshot | null = null;
  let loading: Promise<CatalogSnapshot> | null = null;

  const load = async (): Promise<CatalogSnapshot> => {
    const started = Date.now();
    const [records, questions, lifeEvents] = await Promise.all([listCurrentRecords(deps.db), listQuestions(deps.db), listLifeEvents(deps.db)]);
    const next = buildSnapshot(records, questions, lifeEvents, deps.dictionary, deps.now());
    snapshot = next;
    deps.logger.info({ procedures: records.length, questions: questions.length, ms: Date.now() - started }, 'catalog search index loaded');
    return next;
  };
  const current = async (): Promise<CatalogSnapshot> => {
    if (snapshot) return snapshot;
    loading ??= load().finally(() => (loading = null));
    return loading;
  };
  const procedureOrThrow = (s: CatalogSnapshot, code: string): ProcedureRecord => {
    const i = s.byCode.get(code);
    if (i === undefined) throw new AppError('CATALOG_PROCEDURE_NOT_FOUND', `No procedure with code ${code}`);
    return s.procedures[i]!;
  };

  return {
    /** Rebuilds the in-memory index from the database. */
    refresh: load,

    /** Reloads the index whenever another process changes the catalog (LISTEN catalog_changed). */
    async listenForChanges(pool: pg.Pool): Promise<() => Promise<void>> {
      let timer: NodeJS.Timeout | undefined;
      // Imports change thousands of rows: wait for the burst to end, then reload once.
      const reloadSoon = () => {
        clearTimeout(timer);
        timer = setTimeout(() => void load().catch((err) => deps.logger.error({ err }, 'catalog reload failed')), 300);
      };
      const stop = await listen(pool, 'catalog_changed', {
        onNotify: reloadSoon,
        onReconnect: reloadSoon,
        onError: (err) => deps.logger.warn({ err }, 'catalog change listener lost its connection; reconnecting'),
      });
      return async () => {
        clearTimeout(timer);
        await stop();
      };
    },

    /** Ranked search with facets. Throws CATALOG_QUERY_TOO_LONG. */
    async search(query: ProcedureSearchQuery, options: { facets?: boolean } = {}): Promise<ProcedureSearchResult> {
      if ((query.q ?? '').length > MAX_QUERY_LENGTH) throw new AppError('CATALOG_QUERY_TOO_LONG');
      const s = await current();
      const agency = query.agency === undefined ? undefined : agencySlugOf(s, query.agency);
      const filters = { sector: query.sector, level: query.level, agency, online: query.online, fee: query.fee };
      const result = s.engine.search(query.q ?? '', filters);
      return {
        total: result.hits.length,
        items: result.hits.slice(query.offset, query.offset + query.limit).map((i) => s.summaries[i]!),
        facets: options.facets === false ? NO_FACETS : facetsOf(s, result.unfiltered, { ...query, agency }),
        suggestion: result.suggestion,
        questions: result.questionHits.map((qi) => {
          const q = s.indexedQuestions[qi]!;
          const p = s.procedures[s.byCode.get(q.procedureCode)!]!;
          return { procedureCode: p.code, procedureName: p.name, question: q.questionVi, answer: q.answerVi };
        }),
        lifeEvents: relatedLifeEvents(s, result.hits.slice(0, 8)),
      };
    },

    /** The current version of a procedure. Throws CATALOG_PROCEDURE_NOT_FOUND. */
    async getProcedure(code: string): Promise<ProcedureRecord> {
      return procedureOrThrow(await current(), code);
    },

    /** A past or current version, as a dossier filed under it saw it. Throws CATALOG_VERSION_NOT_FOUND. */
    async getProcedureVersion(code: string, version: number): Promise<ProcedureRecord> {
      const record = await findVersion(deps.db, code, version);
      if (!record) throw new AppError('CATALOG_VERSION_NOT_FOUND', `No version ${version} of procedure ${code}`);
      return record;
    },

    async listProcedureVersions(code: string) {
      procedureOrThrow(await current(), code);
      return listVersions(deps.db, code);
    },

    async questionsFor(code: string, locale: Locale): Promise<QuestionAnswer[]> {
      const s = await current();
      return (s.questionsByCode.get(code) ?? []).map((q) => ({
        id: String(q.id),
        procedureCode: q.procedureCode,
        question: locale === 'en' && q.questionEn ? q.questionEn : q.questionVi,
        answer: locale === 'en' && q.answerEn ? q.answerEn : q.answerVi,
      }));
    },

    async listSectors(): Promise<SectorSummary[]> {
      const s = await current();
      return [...s.sectors].map(([slug, v]) => ({ slug, name: v.name, count: v.count })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },

    async listAgencies(): Promise<AgencySummary[]> {
      const s = await current();
      return [...s.agencies].map(([slug, v]) => ({ slug, name: v.name, code: v.code, count: v.count })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },

    async listLifeEvents(locale: Locale): Promise<LifeEvent[]> {
      const s = await current();
      return s.lifeEvents.map((e) => presentLifeEvent(s, e, locale));
    },

    /** Throws CATALOG_LIFE_EVENT_NOT_FOUND. */
    async getLifeEvent(slug: string, locale: Locale): Promise<LifeEvent> {
      const s = await current();
      const e = s.lifeEvents.find((x) => x.slug === slug);
      if (!e) throw new AppError('CATALOG_LIFE_EVENT_NOT_FOUND');
      return presentLifeEvent(s, e, locale);
    },

    /** Life events that include the procedure. */
    async lifeEventsOf(code: string, locale: Locale): Promise<Array<{ slug: string; name: string }>> {
      const s = await current();
      return s.lifeEvents
        .filter((e) => e.procedures.some((p) => p.code === code))
        .map((e) => ({ slug: e.slug, name: locale === 'en' ? e.nameEn : e.nameVi, nameEn: e.nameEn }));
    },

    async stats() {
      const s = await current();
      return { procedures: s.procedures.length, sectors: s.sectors.size, agencies: s.agencies.size, loadedAt: s.loadedAt };
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

function presentLifeEvent(s: CatalogSnapshot, e: CatalogSnapshot['lifeEvents'][number], locale: Locale): LifeEvent {
  return {
    slug: e.slug,
    name: { vi: e.nameVi, en: e.nameEn },
    description: { vi: e.descriptionVi, en: e.descriptionEn },
    procedures: e.procedures.flatMap((p) => {
      const i = s.byCode.get(p.code);
      if (i === undefined) return [];
      const summary = s.summaries[i]!;
      return [{ code: p.code, name: summary.name, note: locale === 'en' ? (p.noteEn ?? p.noteVi) : p.noteVi, online: summary.online }];
    }),
  };
}

/** Life events that hold at least two of the best hits: "vừa sinh con" leads to "Có con nhỏ". */
function relatedLifeEvents(s: CatalogSnapshot, top: readonly number[]): Array<{ slug: string; name: string; nameEn: string }> {
  const codes = new Set(top.map((i) => s.procedures[i]!.code));
  return s.lifeEvents
    .filter((e) => e.procedures.filter((p) => codes.has(p.code)).length >= Math.min(2, e.procedures.length))
    .map((e) => ({ slug: e.slug, name: e.nameVi, nameEn: e.nameEn }));
}

/** Integrators may filter by an agency's electronic identifier ("000.00.00.G01") as well as by its slug. */
function agencySlugOf(s: CatalogSnapshot, agency: string): string {
  if (!/^[0-9A-Z]+(\.[0-9A-Za-z]+)+$/.test(agency)) return agency;
  for (const [slug, entry] of s.agencies) if (entry.code === agency) return slug;
  return agency;
}

const NO_FACETS: ProcedureSearchResult['facets'] = { sector: [], level: [], agency: [], online: [], fee: [] };

/** Facet values with their labels, in display order. */
function facetsOf(s: CatalogSnapshot, hits: readonly number[], q: ProcedureSearchQuery): ProcedureSearchResult['facets'] {
  const counts = countFacets(s.facets, hits, q);
  const toValues = (map: Map<string, number>, label: (v: string) => string, selected: string | undefined, order?: readonly string[]): FacetValue[] => {
    const values = [...map].map(([value, n]) => ({ value, label: label(value), count: n, selected: value === selected }));
    if (order) values.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
    else values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi'));
    return values;
  };
  return {
    sector: toValues(counts.sector, (v) => s.sectors.get(v)?.name ?? v, q.sector),
    level: toValues(counts.level, (v) => v, q.level, LEVELS),
    agency: toValues(counts.agency, (v) => s.agencies.get(v)?.name ?? v, q.agency),
    online: toValues(counts.online, (v) => v, q.online === undefined ? undefined : String(q.online), ['true', 'false']),
    fee: toValues(counts.fee, (v) => v, q.fee, FEES),
  };
}
