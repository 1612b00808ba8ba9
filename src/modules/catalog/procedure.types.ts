// Output of the procedure-record parser (one scraped record of the national procedure database,
// see docs/DOMAIN.md sections 10.2 and 15.2).

export type ChannelKind = 'online' | 'in_person' | 'postal';
export type DurationUnit = 'working_days' | 'days' | 'hours' | 'months';
/** Cấp bộ / Cấp tỉnh / Cấp xã / anything else (the text is kept in `levelsText`). */
export type LevelKind = 'ministry' | 'province' | 'commune' | 'other';
export type OnlineLevel = 'full' | 'partial' | 'information';

export interface ProcedureFee {
  amountVnd: number;
  /** The clause of the fee cell the amount was found in. */
  label: string;
  /** ISO yyyy-mm-dd. */
  validFrom: string | null;
  validTo: string | null;
}

export interface ProcedureChannel {
  channel: ChannelKind;
  /** null when the page gives no usable duration. */
  duration: { value: number; unit: DurationUnit } | null;
  /** The time cell as on the page, e.g. "5 Ngày làm việc"; null for "Không có thông tin". */
  durationText: string | null;
  /** The fee cell verbatim; null when there is no information. */
  feeText: string | null;
  /**
   * First amount in VND stated in the fee cell; 0 when the cell only says the service is free;
   * null when no amount is stated.
   */
  feeAmountVnd: number | null;
  fees: ProcedureFee[];
  description: string | null;
}

export interface ProcedureDocument {
  name: string;
  formFiles: string[];
  /** The form column as on the page (the form file names run together), null when empty. */
  formText: string | null;
  quantity: { original: number; copy: number } | null;
  quantityText: string | null;
}

export interface ProcedureDocumentGroup {
  caseName: string | null;
  documents: ProcedureDocument[];
}

export interface ProcedureLegalBasis {
  title: string;
  code: string | null;
}

export interface ProcedureResult {
  name: string;
  code: string | null;
}

export interface ProcedureAgencies {
  competent: string[];
  implementing: string[];
  delegated: string[];
  coordinating: string[];
}

export interface ParsedProcedure {
  code: string;
  name: string;
  decisionNo: string | null;
  /** true when the decision number does not look like "<n>/QĐ-...". */
  decisionNoIrregular: boolean;
  levels: LevelKind[];
  levelsText: string[];
  procedureType: string | null;
  sector: string | null;
  subjects: string[];
  agencies: ProcedureAgencies;
  intakeAddresses: string[];
  steps: string[];
  channels: ProcedureChannel[];
  documentGroups: ProcedureDocumentGroup[];
  legalBasis: ProcedureLegalBasis[];
  results: ProcedureResult[];
  /** The page's "Từ khóa" cell under the results table (null when "Không có thông tin"). */
  keywords: string | null;
  /** The page's "Mô tả" cell under the results table (null when "Không có thông tin"). */
  summary: string | null;
  conditions: string | null;
  relatedProcedures: string[];
  onlineLevel: OnlineLevel | null;
  portalFormalityId: string | null;
  sourceUrl: string | null;
}

/** Something the parser could not map cleanly; `kind` is a stable snake_case identifier. */
export interface ParseWarning {
  field: string;
  kind: string;
  text: string;
}

export type ParseOutcome =
  | { ok: true; procedure: ParsedProcedure; warnings: ParseWarning[] }
  | { ok: false; reason: string };
