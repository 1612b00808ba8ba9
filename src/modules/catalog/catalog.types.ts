import type { ChannelKind, LevelKind, ParsedProcedure } from './procedure.types.ts';

/** A procedure as stored: the parsed record plus the catalog's own bookkeeping. */
export interface ProcedureRecord extends ParsedProcedure {
  version: number;
  effectiveFrom: string; // ISO timestamp
  ministryFolder: string | null; // source folder, e.g. 'bo-cong-an'
  /** Agencies resolved to the agency register: role + agency code + display name. */
  agencyRefs: Array<{ role: 'competent' | 'implementing' | 'delegated' | 'coordinating'; code: string | null; name: string }>;
  warnings: Array<{ field: string; kind: string; text: string }>;
}

export type FeeFilter = 'free' | 'paid';

export interface ProcedureSearchQuery {
  q?: string;
  sector?: string; // sector slug
  level?: LevelKind;
  agency?: string; // agency slug
  online?: boolean;
  fee?: FeeFilter;
  limit: number;
  offset: number;
}

/** One hit in a result list (also the API's list item). */
export interface ProcedureSummary {
  code: string;
  name: string;
  sector: string | null;
  sectorSlug: string | null;
  levels: LevelKind[];
  agencies: string[]; // display names of competent + implementing agencies
  online: boolean; // can be submitted online (has an online channel)
  fee: FeeFilter | 'unknown';
  shortestDuration: { value: number; unit: string } | null;
}

export interface FacetValue {
  value: string; // slug or enum value used in the query string
  label: string;
  count: number;
  selected: boolean;
}

export interface ProcedureSearchResult {
  total: number;
  items: ProcedureSummary[];
  facets: {
    sector: FacetValue[];
    level: FacetValue[];
    agency: FacetValue[];
    online: FacetValue[];
    fee: FacetValue[];
  };
  /** "Did you mean": a corrected query when the given one finds nothing (or little). */
  suggestion: string | null;
  /** Q&A entries matching the query, for the results page. */
  questions: Array<{ procedureCode: string; procedureName: string; question: string; answer: string }>;
  /** Life events whose name matches the query. */
  lifeEvents: Array<{ slug: string; name: string; nameEn: string }>;
}

export interface QuestionAnswer {
  id: string;
  procedureCode: string;
  question: string;
  answer: string;
}

export interface LifeEvent {
  slug: string;
  name: { vi: string; en: string };
  description: { vi: string; en: string };
  procedures: Array<{ code: string; name: string; note: string | null; online: boolean }>;
}

export interface SectorSummary {
  slug: string;
  name: string;
  count: number;
}

export interface AgencySummary {
  slug: string;
  name: string;
  code: string | null; // agency register code when resolved
  count: number;
}

export type { ChannelKind, LevelKind };
