// The "Căn cứ pháp lý" table: Tên văn bản pháp lý | Mã văn bản, flattened without separators.
// A row ends with a document number glued to the next title: "…tại Việt Nam47/2014/QH13Luật…".
// Titles often end with the same number ("Luật 49/2019/QH1449/2019/QH14"), and a code's
// capitals can run into the next title's capital ("…TT-BCANhập cảnh…").

import type { ParseWarning, ProcedureLegalBasis } from './procedure.types.ts';
import { clean, isDigit, isLower, isNoInfo, isSpace, isUpper, warn } from './procedure-text.ts';

const FIELD = 'can_cu_phap_ly';
const HEADER = /^\s*Tên văn bản pháp lý\s*Mã văn bản/u;
// A code segment is capitals, never followed by a lowercase letter (that capital belongs to the
// next title). Only the National Assembly's segments carry digits (its term: "QH13",
// "UBTVQH15"); other digits start the next code ("…/TT-BCA57/2020/TT-BCA"). "TTg" is the one
// mixed-case issuer.
const SEGMENT = String.raw`(?:TTg|\p{Lu}*QH\d{2}(?!\p{Ll})|\p{Lu}+(?!\p{Ll}))`;
const CODE = new RegExp(String.raw`\d{1,4}(?:\.\d{1,4})?(?:/\d{4})?/${SEGMENT}(?:-${SEGMENT})*`, 'gu');
/** Issuer and document-type abbreviations, to cut a code that ran into an all-capitals title. */
const KNOWN_SEGMENTS = new Set([
  'BCA', 'BCT', 'BGDĐT', 'BGTVT', 'BHXH', 'BKHCN', 'BKHĐT', 'BLĐTBXH', 'BNG', 'BNNMT', 'BNNPTNT',
  'BNV', 'BQP', 'BTC', 'BTNMT', 'BTP', 'BTTTT', 'BVHTTDL', 'BXD', 'BYT', 'CP', 'CT', 'HĐND', 'KTNN',
  'NHNN', 'NQ', 'NĐ', 'PL', 'QĐ', 'QH', 'TANDTC', 'TT', 'TTCP', 'TTLT', 'UBDT', 'UBND', 'UBTVQH',
  'VKSNDTC', 'VPCP', 'BNN', 'BCTĐ', 'TCHQ', 'TCT', 'NHNNVN', 'BTNMTBNN',
]);

// "…tại Việt NamLuật 47/2014/QH13": the code cell itself read "Luật 47/2014/QH13"; the glued
// document type after a lowercase letter belongs to the code cell, not to the title.
const CODE_CELL_PREFIX =
  /(?<=\p{Ll}|\.)(?:(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Nghị quyết|Pháp lệnh)(?:\s+số)?|(?<=\p{Ll})số)\s*$/u;

interface Code {
  index: number;
  end: number;
  text: string;
}

/** "25/2021/TT-BTCQUY ĐỊNH…": shorten an unknown last segment to its longest known prefix. */
function trimRunOn(text: string, code: Code): Code {
  if (!isSpace(text[code.end]) && text[code.end] !== undefined) return code;
  const dash = code.text.lastIndexOf('-');
  const slash = code.text.lastIndexOf('/');
  const segStart = Math.max(dash, slash) + 1;
  const segment = code.text.slice(segStart);
  if (KNOWN_SEGMENTS.has(segment) || !/^\p{Lu}+$/u.test(segment)) return code;
  for (let len = segment.length - 2; len >= 2; len -= 1) {
    if (KNOWN_SEGMENTS.has(segment.slice(0, len))) {
      const end = code.index + segStart + len;
      return { index: code.index, end, text: text.slice(code.index, end) };
    }
  }
  return code;
}

/**
 * "Luật Khiếu nại năm 2011" + "02/2011/QH13" reads "201102/2011/QH13", where the regex takes
 * "1102". A digit run longer than four that starts with a year is that year plus the number.
 */
function afterYear(text: string, index: number): number {
  let runStart = index;
  while (runStart > 0 && isDigit(text[runStart - 1])) runStart -= 1;
  const slash = text.indexOf('/', index);
  const run = text.slice(runStart, slash);
  if (/^(?:19|20)\d\d\.\d/u.test(run)) return runStart + 5; // "…năm 2025.65/2025/TT-BTC"
  if (run.length > 4 && /^(?:19|20)\d{3,}$/u.test(run)) return runStart + 4;
  return index;
}

/**
 * "…/TT-BCAhông tư số 06…" (the next title lost its "T" upstream): the regex hands the "A" to
 * the next title; give it back when that completes a known issuer.
 */
function reclaimCapital(text: string, index: number, end: number): number {
  const segment = /[\p{Lu}]+$/u.exec(text.slice(index, end))?.[0] ?? '';
  const next = text[end] ?? '';
  const complete = segment + next;
  if (!isUpper(next) || !isLower(text[end + 1]) || KNOWN_SEGMENTS.has(segment) || !KNOWN_SEGMENTS.has(complete)) return end;
  return end + 1;
}

function codes(text: string): Code[] {
  return [...text.matchAll(CODE)].map((m) => {
    const index = afterYear(text, m.index);
    const end = reclaimCapital(text, index, m.index + m[0].length);
    return trimRunOn(text, { index, end, text: text.slice(index, end) });
  });
}

/** A code closes a row when the next title is glued to it; inside a title it is followed by a space. */
function endsRow(text: string, code: Code, next: Code | undefined): boolean {
  const after = text.slice(code.end);
  if (after.trim() === '') return true;
  const ch = after[0];
  // "…kinh doanh66.16/2026/NQ-CP Thông tư…": a code glued to the title's last word is the code
  // cell even when the cell ended with a space.
  const before = text[code.index - 1];
  if (isSpace(ch) && before !== undefined && !isSpace(before) && !isDigit(before) && /^\s+\p{Lu}/u.test(after)) return true;
  if (isDigit(ch)) return (next === undefined || next.index !== code.end) && !/^\d{1,4}\/\d{4}/u.test(after);
  if (isLower(ch)) return true;
  return /\p{Lu}/u.test(ch ?? '');
}

export function parseLegalBasis(cell: string, sink: ParseWarning[]): ProcedureLegalBasis[] {
  const text = cell.normalize('NFC');
  if (isNoInfo(text)) return [];
  const header = HEADER.exec(text);
  if (!header) warn(sink, FIELD, 'table_header_missing', text);
  // "…53/2025/TT-BCAngày 01/7/2025 của…" is one title missing a space, not "…/TT-BC" + "Angày…".
  const body = (header ? text.slice(header[0].length) : text).replace(/(\p{Lu})(ngày\s*\d)/gu, '$1 $2');
  if (isNoInfo(body)) return [];
  const found = codes(body);
  const rows: ProcedureLegalBasis[] = [];
  let cursor = 0;
  found.forEach((code, i) => {
    if (code.index < cursor || !endsRow(body, code, found[i + 1])) return;
    const title = clean(body.slice(cursor, code.index)).replace(CODE_CELL_PREFIX, '').trim();
    rows.push({ title: title === '' ? code.text : title, code: code.text });
    cursor = code.end;
  });
  const tail = clean(body.slice(cursor));
  if (tail !== '') rows.push(tailRow(tail, sink));
  return rows;
}

// "…của Chính phủ167/2025": a code cell without the issuer part; not a date ("19/6/2015").
const BARE_CODE = /(?<![\d/])(\d{1,4}\/\d{4})$/u;

function tailRow(tail: string, sink: ParseWarning[]): ProcedureLegalBasis {
  const bare = BARE_CODE.exec(tail);
  const title = bare ? clean(tail.slice(0, bare.index)) : '';
  if (bare && title !== '') {
    warn(sink, FIELD, 'legal_code_incomplete', tail);
    return { title, code: bare[1] ?? null };
  }
  warn(sink, FIELD, 'legal_basis_without_code', tail);
  return { title: tail, code: null };
}
