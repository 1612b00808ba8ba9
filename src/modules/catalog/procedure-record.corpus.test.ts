import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedProcedure, ParseWarning } from './procedure.types.ts';
import { parseProcedureRecord } from './procedure-record.parser.ts';

// Runs the parser over every scraped record (docs/DOMAIN.md 15.2). The data set lives beside the
// repository (../shared); CI always has it, so a missing folder is a failure, never a skip.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = path.resolve(REPO, '../shared/data/tthc-dichvucong-chatbot_tthc/raw');

// Measured on the 2,378-record corpus, with some headroom: a regression shows as a jump.
const WARNING_LIMITS: Record<string, number> = {
  'cach_thuc_thuc_hien:duration_unit_missing': 900,
  'cach_thuc_thuc_hien:fee_free_headline_with_unstated_fee': 600,
  'cach_thuc_thuc_hien:fee_amount_implausible': 130,
  'thanh_phan_ho_so:quantity_digits_split': 120,
  'cach_thuc_thuc_hien:duration_fee_digits_split': 115,
  'cach_thuc_thuc_hien:fee_foreign_currency': 95,
  'cach_thuc_thuc_hien:fee_amount_thousands_scaled': 85,
  'cach_thuc_thuc_hien:fee_note_unbalanced': 66,
  'thanh_phan_ho_so:form_file_boundary_unknown': 50,
  'cach_thuc_thuc_hien:duration_free_text': 40,
  'can_cu_phap_ly:legal_basis_without_code': 40,
  'can_cu_phap_ly:legal_code_incomplete': 30,
  'thanh_phan_ho_so:section_realigned': 30,
  'trinh_tu_thuc_hien:section_realigned': 28,
  'ma_thu_tuc:code_differs_from_page': 17,
  'ket_qua_xu_ly:result_code_irregular': 16,
  'yeu_cau_dieu_kien:page_chrome_removed': 14,
  'thanh_phan_ho_so:document_without_quantity': 14,
  'thanh_phan_ho_so:quantity_repeated': 8,
  'yeu_cau_dieu_kien:section_realigned': 10,
  'can_cu_phap_ly:section_realigned': 9,
  'cach_thuc_thuc_hien:section_realigned': 8,
  'ket_qua_xu_ly:section_realigned': 8,
  'ket_qua_xu_ly:result_without_code': 5,
  'cach_thuc_thuc_hien:fee_amount_irregular_number': 5,
  'co_quan_thuc_hien:section_realigned': 1,
  'thanh_phan_ho_so:table_header_missing': 1,
};

interface Parsed {
  file: string;
  procedure: ParsedProcedure;
  warnings: ParseWarning[];
}

function listJson(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listJson(full);
    return e.name.endsWith('.json') ? [full] : [];
  });
}

const parsed: Parsed[] = [];
const failures: string[] = [];
let fileCount = 0;

beforeAll(() => {
  if (!fs.existsSync(CORPUS)) {
    throw new Error(`Procedure corpus not found at ${CORPUS}; ../shared must sit beside the repository`);
  }
  const files = listJson(CORPUS);
  fileCount = files.length;
  for (const full of files) {
    const file = path.relative(CORPUS, full);
    const out = parseProcedureRecord(JSON.parse(fs.readFileSync(full, 'utf8')) as unknown, file);
    if (out.ok) parsed.push({ file, procedure: out.procedure, warnings: out.warnings });
    else failures.push(out.reason);
  }
});

const channels = () => parsed.flatMap((p) => p.procedure.channels.map((c) => ({ file: p.file, c })));
const documents = () =>
  parsed.flatMap((p) => p.procedure.documentGroups.flatMap((g) => g.documents.map((d) => ({ file: p.file, d }))));

describe('procedure record corpus', () => {
  it('parses every record, with no failures', () => {
    expect(fileCount).toBe(2378);
    expect(parsed.length + failures.length).toBe(fileCount);
    expect(failures).toEqual([]);
    expect(new Set(parsed.map((p) => p.procedure.code)).size).toBeGreaterThan(2300);
  });

  it('finds at least one channel in every record and the expected totals', () => {
    expect(parsed.filter((p) => p.procedure.channels.length === 0).map((p) => p.file)).toEqual([]);
    const all = channels();
    expect(all.length).toBeGreaterThanOrEqual(6400);
    const kinds = new Set(all.map(({ c }) => c.channel));
    expect([...kinds].sort()).toEqual(['in_person', 'online', 'postal']);
    expect(all.filter(({ c }) => c.channel === 'postal').length).toBeGreaterThan(2000);
  });

  it('parses each duration or keeps its text', () => {
    const all = channels();
    const unitText: Record<string, RegExp> = {
      working_days: /^\d+(?:[.,]\d+)? Ngày làm việc$/iu,
      days: /^\d+(?:[.,]\d+)? Ngày$/iu,
      hours: /^\d+(?:[.,]\d+)? Giờ$/iu,
      months: /^\d+(?:[.,]\d+)? Tháng$/iu,
    };
    for (const { file, c } of all) {
      if (c.duration) expect(c.durationText, file).toMatch(unitText[c.duration.unit] ?? /^$/u);
    }
    expect(all.filter(({ c }) => c.duration !== null).length).toBeGreaterThanOrEqual(5200);
    // Both null only for the "Không có thông tin" time cell.
    const noInfo = all.filter(({ c }) => c.duration === null && c.durationText === null);
    expect(noInfo.length).toBeLessThanOrEqual(340);
    const units = new Set(all.flatMap(({ c }) => (c.duration ? [c.duration.unit] : [])));
    expect([...units].sort()).toEqual(['days', 'hours', 'months', 'working_days']);
  });

  it('keeps fee amounts consistent with the fee cell', () => {
    for (const { file, c } of channels()) {
      if (c.feeText === null) expect(c.feeAmountVnd, file).toBeNull();
      if (c.feeAmountVnd === 0) expect(c.fees.every((f) => f.amountVnd === 0), file).toBe(true);
      if (c.feeAmountVnd !== null && c.feeAmountVnd > 0) {
        expect(c.fees.some((f) => f.amountVnd === c.feeAmountVnd), file).toBe(true);
      }
      for (const f of c.fees) {
        if (f.validFrom) expect(f.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
        if (f.validTo) expect(f.validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      }
    }
    expect(channels().filter(({ c }) => (c.feeAmountVnd ?? 0) > 0).length).toBeGreaterThanOrEqual(1300);
  });

  it('ends document rows at their quantity', () => {
    const all = documents();
    expect(all.length).toBeGreaterThanOrEqual(13000);
    const generatedQuantityAtEnd = /(?:^|[^\s\d])\d+ bản chính(?:,\d+ bản sao)?$|bản chính,\d+ bản sao$/u;
    expect(all.filter(({ d }) => generatedQuantityAtEnd.test(d.name)).map(({ file, d }) => `${file}: ${d.name}`)).toEqual([]);
    for (const { file, d } of all) {
      if (d.quantity) expect(d.quantityText, file).toBe(
        d.quantityText?.includes('bản sao') ? `${d.quantity.original} bản chính,${d.quantity.copy} bản sao` : `${d.quantity.original} bản chính`,
      );
      for (const form of d.formFiles) expect(form, file).toMatch(/\.(?:docx?|pdf|xlsx?|rar|zip|odt|ods|jpe?g|png)$/iu);
    }
    expect(all.filter(({ d }) => d.formFiles.length > 0).length).toBeGreaterThanOrEqual(1900);
    expect(all.filter(({ d }) => d.quantity === null).length).toBeLessThanOrEqual(14);
  });

  it('gives legal-basis codes that look like document numbers', () => {
    const rows = parsed.flatMap((p) => p.procedure.legalBasis.map((l) => ({ file: p.file, l })));
    expect(rows.length).toBeGreaterThanOrEqual(9500);
    const docNumber = /^\d{1,4}(?:\.\d{1,4})?(?:\/\d{4})?(?:\/[\p{Lu}\p{Ll}\d]+(?:-[\p{Lu}\p{Ll}\d]+)*)?$/u;
    expect(rows.filter(({ l }) => l.code !== null && !docNumber.test(l.code)).map(({ file, l }) => `${file}: ${l.code}`)).toEqual([]);
    expect(rows.filter(({ l }) => l.title === '')).toEqual([]);
    // A swallowed capital would leave the next title starting in lowercase after a code.
    expect(rows.filter(({ l }) => l.code !== null).length).toBeGreaterThanOrEqual(9600);
  });

  it('cuts page chrome from results and conditions', () => {
    for (const { file, procedure } of parsed) {
      for (const r of procedure.results) {
        expect(r.name, file).not.toContain('Chọn cơ quan');
        expect(r.name, file).not.toMatch(/Từ khóa|Nộp hồ sơ$/u);
        expect(r.name, file).not.toBe('');
      }
      expect(procedure.conditions ?? '', file).not.toContain('Chọn cơ quan thực hiện');
    }
    const results = parsed.flatMap((p) => p.procedure.results);
    expect(results.length).toBeGreaterThanOrEqual(3100);
    expect(results.filter((r) => r.code !== null && /^KQ[.-][GH]\d+\.\d+$/u.test(r.code)).length).toBeGreaterThanOrEqual(2900);
  });

  it('normalises text and maps "Không có thông tin" to null or []', () => {
    for (const { file, procedure } of parsed) {
      const json = JSON.stringify(procedure);
      expect(json.normalize('NFC') === json, file).toBe(true);
      expect(json, file).not.toMatch(/"Không có thông tin"/u);
      expect(json, file).not.toMatch(/\\n|\s{2,}/u);
      expect(procedure.levels.length, file).toBeGreaterThan(0);
      expect(procedure.levels.length <= procedure.levelsText.length, file).toBe(true);
    }
    expect(parsed.filter((p) => p.procedure.decisionNoIrregular).length).toBeLessThanOrEqual(70);
    expect(parsed.filter((p) => p.procedure.agencies.coordinating.length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it('keeps warnings per kind under the measured limits', () => {
    const counts: Record<string, number> = {};
    for (const p of parsed) {
      for (const w of p.warnings) counts[`${w.field}:${w.kind}`] = (counts[`${w.field}:${w.kind}`] ?? 0) + 1;
    }
    const unexpected = Object.keys(counts).filter((k) => !(k in WARNING_LIMITS));
    expect(unexpected).toEqual([]);
    for (const [kind, count] of Object.entries(counts)) {
      expect(count, kind).toBeLessThanOrEqual(WARNING_LIMITS[kind] ?? 0);
    }
  });
});
