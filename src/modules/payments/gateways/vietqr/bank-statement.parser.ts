/**
 * Bank statement CSV → statement lines. Banks export different column names (Vietnamese or English),
 * separators (comma, semicolon, tab) and number styles, so columns are found from the header row.
 */

export interface StatementLine {
  /** 1-based line number in the file (header = 1), for officials to find the row. */
  readonly lineNumber: number;
  /** `yyyy-MM-ddTHH:mm:ss` as printed (bank local time, UTC+7), or null when unreadable. */
  readonly bookedAt: string | null;
  /** Positive integer VND. */
  readonly amountVnd: number;
  readonly direction: 'credit' | 'debit';
  readonly description: string;
  readonly reference: string;
}

export interface StatementRowError {
  readonly lineNumber: number;
  readonly reason: 'bad_amount' | 'no_amount' | 'column_count';
  readonly raw: string;
}

export interface ParsedStatement {
  readonly lines: StatementLine[];
  readonly errors: StatementRowError[];
}

export type StatementParseFailure = { readonly ok: false; readonly error: 'empty' | 'unknown_columns'; readonly missing: string[] };

const COLUMN_NAMES = {
  date: ['ngay giao dich', 'ngay gd', 'thoi gian', 'ngay hach toan', 'ngay', 'date', 'transaction date', 'posting date', 'time', 'datetime'],
  amount: ['so tien', 'amount', 'so tien giao dich', 'transaction amount'],
  credit: ['ghi co', 'so tien ghi co', 'co', 'credit', 'credit amount', 'tien vao'],
  debit: ['ghi no', 'so tien ghi no', 'no', 'debit', 'debit amount', 'tien ra'],
  direction: ['loai', 'loai giao dich', 'type', 'cr/dr', 'dr/cr', 'debit/credit', 'no/co'],
  description: ['noi dung', 'noi dung giao dich', 'dien giai', 'mo ta', 'description', 'content', 'details', 'narrative', 'remark'],
  reference: ['so tham chieu', 'ma giao dich', 'so but toan', 'ma gd', 'reference', 'ref', 'reference number', 'transaction id', 'so ct'],
} as const;

type ColumnKey = keyof typeof COLUMN_NAMES;

/** Removes Vietnamese diacritics and lower-cases, so "Ngày giao dịch" and "NGAY GIAO DICH" compare equal. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** RFC 4180 fields: quotes around fields, "" inside quotes, separators and newlines inside quotes. */
export function splitCsvRecords(text: string, separator: string): { fields: string[]; lineNumber: number }[] {
  const records: { fields: string[]; lineNumber: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ fields, lineNumber: recordLine });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ fields, lineNumber: recordLine });
  return records;
}

/**
 * Reads a VND amount as banks print it: "1.500.000", "1,500,000", "1 500 000", "1.500.000,00",
 * "1,500,000.00", "+1.500.000 VND", "-1500000đ". Null when not an integer number of dong.
 */
export function parseVndAmount(text: string): number | null {
  let s = text.replace(/\u00a0/g, ' ').trim().replace(/\s*(vnd|vnđ|đ|d)\.?$/i, '');
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') sign = -sign;
    s = s.slice(1);
  }
  s = s.replace(/ /g, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  let integer: string;
  let fraction = '';
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the later one is the decimal mark ("1.500.000,00" or "1,500,000.00").
    const decimal = Math.max(lastDot, lastComma);
    const thousands = decimal === lastDot ? ',' : '.';
    integer = s.slice(0, decimal);
    fraction = s.slice(decimal + 1);
    if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(integer)) return null;
    integer = integer.split(thousands).join('');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s)) {
    // One kind of separator every three digits: thousands. "1.500" is 1,500 dong because VND has no minor unit.
    integer = s.replace(/[.,]/g, '');
  } else if (/^\d+[.,]\d{1,2}$/.test(s)) {
    const decimal = Math.max(lastDot, lastComma);
    integer = s.slice(0, decimal);
    fraction = s.slice(decimal + 1);
  } else if (/^\d+$/.test(s)) {
    integer = s;
  } else return null;
  if (fraction !== '' && !/^0+$/.test(fraction)) return null;
  const value = Number(integer);
  return Number.isSafeInteger(value) ? sign * value : null;
}

/** `dd/MM/yyyy[ HH:mm[:ss]]` or ISO `yyyy-MM-dd[ T]HH:mm[:ss]` → `yyyy-MM-ddTHH:mm:ss`. */
export function parseBankDateTime(text: string): string | null {
  const t = text.trim();
  const two = (n: string | undefined) => (n ?? '0').padStart(2, '0');
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) return `${m[3]}-${two(m[2])}-${two(m[1])}T${two(m[4])}:${two(m[5])}:${two(m[6])}`;
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${two(m[4])}:${two(m[5])}:${two(m[6])}`;
  return null;
}

function detectSeparator(firstLine: string): string {
  const counts = [',', ';', '\t'].map((sep) => [sep, firstLine.split(sep).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![0];
}

function findColumns(header: string[]): Partial<Record<ColumnKey, number>> {
  const folded = header.map(foldText);
  const found: Partial<Record<ColumnKey, number>> = {};
  for (const key of Object.keys(COLUMN_NAMES) as ColumnKey[]) {
    const names: readonly string[] = COLUMN_NAMES[key];
    const at = folded.findIndex((h, i) => names.includes(h) && !Object.values(found).includes(i));
    if (at >= 0) found[key] = at;
  }
  return found;
}

function readDirection(text: string): 'credit' | 'debit' | null {
  const t = foldText(text);
  if (['c', 'cr', 'credit', 'co', 'ghi co'].includes(t)) return 'credit';
  if (['d', 'dr', 'debit', 'no', 'ghi no'].includes(t)) return 'debit';
  return null;
}

/** Parses a bank statement CSV with a header row; rows it cannot read are listed, never dropped. */
export function parseBankStatementCsv(text: string): ({ readonly ok: true } & ParsedStatement) | StatementParseFailure {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const records = splitCsvRecords(clean, detectSeparator(firstLine));
  const header = records[0];
  if (!header) return { ok: false, error: 'empty', missing: [] };
  const col = findColumns(header.fields);
  const missing: string[] = [];
  if (col.date === undefined) missing.push('date');
  if (col.description === undefined) missing.push('description');
  if (col.reference === undefined) missing.push('reference');
  if (col.amount === undefined && col.credit === undefined) missing.push('amount');
  if (missing.length > 0) return { ok: false, error: 'unknown_columns', missing };

  const lines: StatementLine[] = [];
  const errors: StatementRowError[] = [];
  for (const { fields, lineNumber } of records.slice(1)) {
    const raw = fields.join(',');
    const cell = (i: number | undefined) => (i === undefined ? '' : (fields[i] ?? '').trim());
    if (fields.length < header.fields.length) {
      errors.push({ lineNumber, reason: 'column_count', raw });
      continue;
    }
    let signed: number | null = null;
    const credit = cell(col.credit);
    const debit = cell(col.debit);
    if (credit !== '' && parseVndAmount(credit) !== 0) signed = parseVndAmount(credit);
    else if (debit !== '' && parseVndAmount(debit) !== 0) {
      const value = parseVndAmount(debit);
      signed = value === null ? null : -Math.abs(value);
    }
    else if (col.amount !== undefined && cell(col.amount) !== '') signed = parseVndAmount(cell(col.amount));
    else {
      errors.push({ lineNumber, reason: 'no_amount', raw });
      continue;
    }
    if (signed === null || signed === 0) {
      errors.push({ lineNumber, reason: 'bad_amount', raw });
      continue;
    }
    const explicit = col.direction === undefined ? null : readDirection(cell(col.direction));
    const direction = explicit ?? (signed > 0 ? 'credit' : 'debit');
    lines.push({
      lineNumber,
      bookedAt: parseBankDateTime(cell(col.date)),
      amountVnd: Math.abs(signed),
      direction,
      description: cell(col.description),
      reference: cell(col.reference),
    });
  }
  return { ok: true, lines, errors };
}
