// The "Kết quả xử lý" block: "<name>Mã: <code>" repeated, then the page's own "Từ khóa" and
// "Mô tả" cells, then page chrome from "Chọn cơ quan thực hiện" on (the agency picker and the
// "Nộp hồ sơ" button), which the scraper kept in 2,251 records.

import type { ParseWarning, ProcedureResult } from './procedure.types.ts';
import { clean, cleanOrNull, isNoInfo, warn } from './procedure-text.ts';

const FIELD = 'ket_qua_xu_ly';
export const PAGE_CHROME = 'Chọn cơ quan thực hiện';
const CODE_MARK = /Mã\s*:\s*/gu;
// "KQ.G01.000068", "000.00.00.G12-KQ0001", "TP-G01.0000001"; the next name's capital is not part of it.
const CODE = /^[A-Z0-9][A-Z0-9.-]*\d/u;
const LOOSE_CODE = /^\S{1,40}$/u;

export interface ResultsParse {
  results: ProcedureResult[];
  keywords: string | null;
  summary: string | null;
}

/** Splits off "Từ khóa…Mô tả…" and the page chrome; also used on conditions without results. */
export function splitPageTail(text: string): { body: string; keywords: string | null; summary: string | null; chrome: boolean } {
  const chromeAt = text.indexOf(PAGE_CHROME);
  const main = chromeAt >= 0 ? text.slice(0, chromeAt) : text;
  const kw = main.lastIndexOf('Từ khóa');
  if (kw < 0) return { body: main, keywords: null, summary: null, chrome: chromeAt >= 0 };
  const tail = main.slice(kw + 'Từ khóa'.length);
  const desc = tail.indexOf('Mô tả');
  return {
    body: main.slice(0, kw),
    keywords: cleanOrNull(desc >= 0 ? tail.slice(0, desc) : tail),
    summary: desc >= 0 ? cleanOrNull(tail.slice(desc + 'Mô tả'.length)) : null,
    chrome: chromeAt >= 0,
  };
}

function resultName(text: string): string {
  return clean(text).replace(/^[-+*•]+\s*/u, '');
}

export function parseResults(cell: string, sink: ParseWarning[]): ResultsParse {
  const { body, keywords, summary } = splitPageTail(cell.normalize('NFC'));
  const results: ProcedureResult[] = [];
  let cursor = 0;
  for (const m of body.matchAll(CODE_MARK)) {
    if (m.index < cursor) continue;
    const name = resultName(body.slice(cursor, m.index));
    const after = body.slice(m.index + m[0].length);
    const nextMark = after.search(/Mã\s*:/u);
    const upto = nextMark >= 0 ? after.slice(0, nextMark) : after;
    const code = CODE.exec(after);
    let used = code ? code[0].length : 0;
    if (!code) {
      const loose = LOOSE_CODE.test(upto.trim()) && nextMark < 0;
      warn(sink, FIELD, 'result_code_irregular', upto);
      used = loose ? upto.length : 0;
    }
    const codeText = code ? code[0] : used > 0 ? clean(upto) : null;
    if (name === '') warn(sink, FIELD, 'result_name_missing', body.slice(cursor, m.index + m[0].length + used));
    results.push({ name: name === '' ? (codeText ?? '') : name, code: codeText });
    cursor = m.index + m[0].length + used;
  }
  const tail = resultName(body.slice(cursor));
  if (tail !== '' && !isNoInfo(tail)) {
    if (results.length > 0) warn(sink, FIELD, 'result_without_code', tail);
    results.push({ name: tail, code: null });
  }
  return { results: results.filter((r) => r.name !== ''), keywords, summary };
}
