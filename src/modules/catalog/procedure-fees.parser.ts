// Amounts and validity periods in one "Phí, lệ phí" cell.
//
// The cell is "<headline><(note)>": the headline is "Miễn phí", "Không có thông tin" or an
// amount ("135.000 VNĐ", "20 Việt Nam Đồng", "5 USD"); the note is free text that often states
// the real fee. A "Miễn phí" headline is not proof the service is free (DOMAIN 15.2, example 2),
// and some headlines are written in thousands ("100 VNĐ" with a note "100.000 đồng/lần").

import type { ParseWarning, ProcedureFee } from './procedure.types.ts';
import { clean, warn } from './procedure-text.ts';

export interface FeeParse {
  feeAmountVnd: number | null;
  fees: ProcedureFee[];
}

interface Amount {
  value: number;
  index: number;
  end: number;
}

const NUMBER = String.raw`\d[\d.,]*\d|\d`;
const VND_UNIT = String.raw`(?:(triệu|nghìn|ngàn)\s*)?(?:việt nam đồng|vnđ|vnd|đồng|đông|đ)(?![\p{L}])`;
const VND_AMOUNT = new RegExp(String.raw`(${NUMBER})\s*${VND_UNIT}`, 'giu');
// "Phí: 1,700,000 Sát hạch…" states an amount without a currency word.
const LABELLED_AMOUNT = new RegExp(String.raw`(?:lệ phí|phí|mức thu)\s*:\s*(${NUMBER})(?![\d.,]*\s*%)`, 'giu');
const USD_AMOUNT = new RegExp(String.raw`(${NUMBER})\s*(?:USD|đô la Mỹ)`, 'giu');
const FREE_HEADLINE = /^(?:miễn phí|miễn lệ phí|không thu(?: phí| lệ phí)?|không)(?![\p{L}])/iu;
const FEE_TALK = /phí|mức thu/iu;
const EXEMPTION = /miễn|không (?:thu|phải|có|mất)/iu;

/** "135.000" -> 135000; "1,5" (with triệu) -> 1.5; odd groupings are flagged, digits kept. */
export function parseNumber(raw: string, allowDecimal: boolean): { value: number; regular: boolean } {
  const groups = raw.split(/[.,]/u);
  const [head, ...rest] = groups;
  if (rest.length === 0) return { value: Number(raw), regular: true };
  if (rest.every((g) => g.length === 3)) return { value: Number(groups.join('')), regular: true };
  const last = groups.at(-1) ?? '';
  if (allowDecimal && rest.length === 1 && last.length <= 2) {
    return { value: Number(`${head}.${last}`), regular: true };
  }
  return { value: Number(groups.join('')), regular: false };
}

const MULTIPLIER: Record<string, number> = { triệu: 1_000_000, nghìn: 1_000, ngàn: 1_000 };

function findAmounts(text: string, sink: ParseWarning[]): Amount[] {
  const found: Amount[] = [];
  for (const m of text.matchAll(VND_AMOUNT)) {
    const unit = (m[2] ?? '').toLowerCase();
    const mult = MULTIPLIER[unit] ?? 1;
    const num = parseNumber(m[1] ?? '', mult > 1);
    if (!num.regular) warn(sink, 'cach_thuc_thuc_hien', 'fee_amount_irregular_number', m[0]);
    found.push({ value: Math.round(num.value * mult), index: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(LABELLED_AMOUNT)) {
    const start = m.index + m[0].length - (m[1] ?? '').length;
    if (found.some((a) => start >= a.index && start < a.end)) continue;
    const num = parseNumber(m[1] ?? '', false);
    if (num.value >= 1000) found.push({ value: num.value, index: start, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

const HEADLINE = /^(?:Miễn phí|Không có thông tin|\d[\d.,]*\s*(?:Việt Nam Đồng|VNĐ|VND|USD|đồng))/iu;

/** Clause boundaries: the headline's end, list bullets, semicolons, line breaks, sentence ends. */
function clauseAround(text: string, index: number, end: number): string {
  const boundary = /;|\n|(?:^|\s)[-+•*]\s|\.\s+(?=\p{Lu})|\(-\s/gu;
  const headline = HEADLINE.exec(text)?.[0].length ?? 0;
  if (index < headline) return clean(text.slice(0, headline));
  let start = headline;
  let stop = text.length;
  for (const m of text.matchAll(boundary)) {
    const at = m.index + m[0].length;
    if (at <= index) start = at;
    else if (m.index >= end) {
      stop = m.index;
      break;
    }
  }
  return clean(text.slice(start, stop).replace(/^[\s(\-+•*]+/u, '').replace(/[\s);.,]+$/u, ''));
}

const DATE = String.raw`(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})`;
const RANGE = new RegExp(String.raw`từ(?:\s+ngày)?\s+${DATE}\s*(?:đến|tới)(?:\s+hết)?(?:\s+ngày)?\s+${DATE}`, 'iu');
const UNTIL = new RegExp(String.raw`(?:đến|tới)(?:\s+hết)?\s+ngày\s+${DATE}`, 'iu');
const SINCE = new RegExp(String.raw`(?:kể\s+)?từ\s+ngày\s+${DATE}`, 'iu');

function iso(d: string | undefined, m: string | undefined, y: string | undefined): string | null {
  const day = Number(d);
  const month = Number(m);
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function validity(clause: string): { validFrom: string | null; validTo: string | null } {
  const r = RANGE.exec(clause);
  if (r) return { validFrom: iso(r[1], r[2], r[3]), validTo: iso(r[4], r[5], r[6]) };
  const u = UNTIL.exec(clause);
  const s = SINCE.exec(clause);
  return { validFrom: s ? iso(s[1], s[2], s[3]) : null, validTo: u ? iso(u[1], u[2], u[3]) : null };
}

function label(clause: string): string {
  return clause.length <= 160 ? clause : `${clause.slice(0, 159)}…`;
}

/** A thousands-scaled headline is confirmed when the note states exactly 1000 times it. */
function rescaleHeadline(amounts: Amount[], sink: ParseWarning[], cell: string): void {
  const head = amounts[0];
  if (!head || head.index !== 0 || head.value >= 1000 || head.value === 0) return;
  if (amounts.slice(1).some((a) => a.value === head.value * 1000)) {
    head.value *= 1000;
    warn(sink, 'cach_thuc_thuc_hien', 'fee_amount_thousands_scaled', cell);
  } else {
    warn(sink, 'cach_thuc_thuc_hien', 'fee_amount_implausible', cell);
  }
}

/** Exemption periods ("Miễn phí từ ngày 07/4/2026 đến 30/6/2026") become 0-VND entries. */
function exemptionFees(text: string, amounts: Amount[]): ProcedureFee[] {
  const out: ProcedureFee[] = [];
  const re = /miễn(?: lệ)? phí|miễn(?= kể từ| từ)|miễn lệ phí/giu;
  for (const m of text.matchAll(re)) {
    const clause = clauseAround(text, m.index, m.index + m[0].length);
    const period = validity(clause);
    if (!period.validFrom && !period.validTo) continue;
    const clauseHasAmount = amounts.some((a) => clause.includes(text.slice(a.index, a.end).trim()));
    if (clauseHasAmount || out.some((f) => f.label === label(clause))) continue;
    out.push({ amountVnd: 0, label: label(clause), ...period });
  }
  return out;
}

export function parseFeeCell(feeText: string | null, sink: ParseWarning[]): FeeParse {
  if (feeText === null) return { feeAmountVnd: null, fees: [] };
  const text = feeText.normalize('NFC');
  const amounts = findAmounts(text, sink);
  for (const m of text.matchAll(USD_AMOUNT)) warn(sink, 'cach_thuc_thuc_hien', 'fee_foreign_currency', m[0]);
  rescaleHeadline(amounts, sink, text);
  const fees: ProcedureFee[] = amounts.map((a) => {
    const clause = clauseAround(text, a.index, a.end);
    return { amountVnd: a.value, label: label(clause), ...validity(clause) };
  });
  fees.push(...exemptionFees(text, amounts));
  // "Phí : 0 Đồng (…) Phí công bố…: 100.000 đồng" — the main amount is the first non-zero one.
  const first = amounts.find((a) => a.value > 0) ?? amounts[0];
  if (first) return { feeAmountVnd: first.value, fees };
  return { feeAmountVnd: freeAmount(text, sink), fees };
}

/**
 * 0 only when the cell says free and no clause of its note talks about a charge without also
 * exempting it ("Miễn phí(Theo … Thông tư … quy định mức thu … lệ phí …)" states no amount).
 */
function freeAmount(text: string, sink: ParseWarning[]): number | null {
  const c = clean(text);
  if (!FREE_HEADLINE.test(c)) return null;
  const clauses = c.replace(FREE_HEADLINE, '').split(/[.;\n]|\s-\s|\(-/u);
  if (!clauses.some((cl) => FEE_TALK.test(cl) && !EXEMPTION.test(cl))) return 0;
  warn(sink, 'cach_thuc_thuc_hien', 'fee_free_headline_with_unstated_fee', c);
  return null;
}
