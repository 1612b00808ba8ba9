// Turns one scraped procedure record (dichvucong.gov.vn via chatbot_tthc, all string fields;
// docs/DOMAIN.md 10.2 and 15.2) into a ParsedProcedure. Nothing is dropped silently: what cannot
// be mapped stays as text and is reported in `warnings`.

import type { ParseOutcome, ParseWarning, ParsedProcedure } from './procedure.types.ts';
import { parseChannels } from './procedure-channels.parser.ts';
import { parseDocuments } from './procedure-documents.parser.ts';
import {
  parseAddresses,
  parseDecision,
  parseLevels,
  parseRelated,
  parseSteps,
} from './procedure-fields.parser.ts';
import { parseLegalBasis } from './procedure-legal-basis.parser.ts';
import { parseResults, splitPageTail } from './procedure-results.parser.ts';
import {
  headerValue,
  sameText,
  splitRawSections,
  type RawSections,
  type SectionField,
} from './procedure-sections.parser.ts';
import { clean, cleanOrNull, listCell, warn } from './procedure-text.ts';

const CODE = /^\d\.\d{6}$/u;
const KNOWN_FIELDS = new Set([
  'ma_thu_tuc', 'detail_url', 'formality_id', 'ten_thu_tuc', 'so_quyet_dinh', 'cap_thuc_hien',
  'loai_thu_tuc', 'linh_vuc', 'doi_tuong_thuc_hien', 'co_quan_co_tham_quyen', 'dia_chi_tiep_nhan',
  'co_quan_duoc_uy_quyen', 'co_quan_phoi_hop', 'thu_tuc_lien_quan', 'trinh_tu_thuc_hien',
  'cach_thuc_thuc_hien', 'thanh_phan_ho_so', 'can_cu_phap_ly', 'co_quan_thuc_hien',
  'yeu_cau_dieu_kien', 'ket_qua_xu_ly', 'raw_text',
]);
const SECTION_FIELDS: SectionField[] = [
  'trinh_tu_thuc_hien', 'cach_thuc_thuc_hien', 'thanh_phan_ho_so', 'can_cu_phap_ly',
  'co_quan_thuc_hien', 'yeu_cau_dieu_kien', 'ket_qua_xu_ly',
];

type Fields = Record<string, string>;

/** Known fields as strings; a non-string value is reported and read as empty. */
function readFields(record: Record<string, unknown>, sink: ParseWarning[]): Fields {
  const fields: Fields = {};
  for (const [key, value] of Object.entries(record)) {
    if (!KNOWN_FIELDS.has(key)) {
      warn(sink, key, 'unknown_field', typeof value === 'string' ? value : JSON.stringify(value) ?? '');
      continue;
    }
    if (typeof value === 'string') fields[key] = value;
    else if (value !== null && value !== undefined) {
      warn(sink, key, 'invalid_field_type', JSON.stringify(value) ?? '');
    }
  }
  return fields;
}

/**
 * The scraper cut sections at labels quoted inside other sections; when a field disagrees with
 * the page text re-cut in order (procedure-sections.parser.ts), the page text wins.
 */
function alignSections(fields: Fields, sink: ParseWarning[]): Record<SectionField, string> {
  const raw: RawSections | null = fields.raw_text ? splitRawSections(fields.raw_text) : null;
  if (fields.raw_text && !raw) warn(sink, 'raw_text', 'sections_not_found', fields.raw_text);
  const out = {} as Record<SectionField, string>;
  for (const field of SECTION_FIELDS) {
    const given = fields[field] ?? '';
    const fromPage = raw?.[field];
    if (fromPage === undefined || sameText(given, fromPage)) {
      out[field] = given;
    } else {
      warn(sink, field, 'section_realigned', given);
      out[field] = fromPage;
    }
  }
  return out;
}

function checkPageCode(fields: Fields, code: string, sink: ParseWarning[]): void {
  if (!fields.raw_text) return;
  const onPage = headerValue(fields.raw_text, 'Mã thủ tục', 'Số quyết định');
  if (onPage !== null && onPage !== code) warn(sink, 'ma_thu_tuc', 'code_differs_from_page', onPage);
}

/** Without a results table the page's "Từ khóa/Mô tả" cells and chrome end the conditions. */
function conditionsAndTail(sections: Record<SectionField, string>, sink: ParseWarning[]) {
  const results = parseResults(sections.ket_qua_xu_ly, sink);
  if (sections.ket_qua_xu_ly.trim() !== '') return { conditions: cleanOrNull(sections.yeu_cau_dieu_kien), results };
  const split = splitPageTail(sections.yeu_cau_dieu_kien);
  if (split.keywords !== null || split.summary !== null || split.chrome || split.body !== sections.yeu_cau_dieu_kien) {
    warn(sink, 'yeu_cau_dieu_kien', 'page_chrome_removed', sections.yeu_cau_dieu_kien.slice(split.body.length));
  }
  return {
    conditions: cleanOrNull(split.body),
    results: { results: results.results, keywords: split.keywords, summary: split.summary },
  };
}

function build(fields: Fields, code: string, name: string, sink: ParseWarning[]): ParsedProcedure {
  const sections = alignSections(fields, sink);
  const { conditions, results } = conditionsAndTail(sections, sink);
  return {
    code,
    name,
    ...parseDecision(fields.so_quyet_dinh ?? ''),
    ...parseLevels(fields.cap_thuc_hien ?? ''),
    procedureType: cleanOrNull(fields.loai_thu_tuc),
    sector: cleanOrNull(fields.linh_vuc),
    subjects: listCell(fields.doi_tuong_thuc_hien),
    agencies: {
      competent: listCell(fields.co_quan_co_tham_quyen),
      implementing: listCell(sections.co_quan_thuc_hien),
      delegated: listCell(fields.co_quan_duoc_uy_quyen),
      coordinating: listCell(fields.co_quan_phoi_hop),
    },
    intakeAddresses: parseAddresses(fields.dia_chi_tiep_nhan ?? ''),
    steps: parseSteps(sections.trinh_tu_thuc_hien),
    channels: parseChannels(sections.cach_thuc_thuc_hien, sink),
    documentGroups: parseDocuments(sections.thanh_phan_ho_so, sink),
    legalBasis: parseLegalBasis(sections.can_cu_phap_ly, sink),
    results: results.results,
    keywords: results.keywords,
    summary: results.summary,
    conditions,
    relatedProcedures: parseRelated(fields.thu_tuc_lien_quan ?? '', sink),
    // The scraped page has no online-level field; it is set elsewhere, not guessed from prose.
    onlineLevel: null,
    portalFormalityId: cleanOrNull(fields.formality_id),
    sourceUrl: cleanOrNull(fields.detail_url),
  };
}

export function parseProcedureRecord(raw: unknown, file?: string): ParseOutcome {
  const where = file ? `${file}: ` : '';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: `${where}record is not a JSON object` };
  }
  const record = raw as Record<string, unknown>;
  const code = typeof record.ma_thu_tuc === 'string' ? clean(record.ma_thu_tuc) : '';
  if (!CODE.test(code)) {
    return { ok: false, reason: `${where}ma_thu_tuc is missing or not like 1.000232: ${JSON.stringify(record.ma_thu_tuc) ?? 'undefined'}` };
  }
  const name = typeof record.ten_thu_tuc === 'string' ? clean(record.ten_thu_tuc) : '';
  if (name === '') return { ok: false, reason: `${where}ten_thu_tuc is missing or empty` };
  const warnings: ParseWarning[] = [];
  const fields = readFields(record, warnings);
  checkPageCode(fields, code, warnings);
  const procedure = build(fields, code, name, warnings);
  if (procedure.channels.length === 0) warn(warnings, 'cach_thuc_thuc_hien', 'no_channels', fields.cach_thuc_thuc_hien ?? '');
  return { ok: true, procedure, warnings };
}
