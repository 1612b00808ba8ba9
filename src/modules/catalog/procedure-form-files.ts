// Separates the "Mẫu đơn, tờ khai" cell (form file names) from the document name it is glued to:
// "Văn bản đề nghị hủy tài khoản điện tử (NA20).Mau NA20-BCA.docx".
// Several files run on from each other ("Mau42.docxMau46.docx"), so every extension glued to
// the next character ends a file; only the first file's start has to be guessed, at the last
// "glue point" — a place where two cells meet without the space ordinary text would have.

import type { ParseWarning } from './procedure.types.ts';
import { isDigit, isLower, isSpace, isUpper, warn } from './procedure-text.ts';

const EXT = /\.(?:docx|doc|pdf|xlsx|xls|rar|zip|odt|ods|jpeg|jpg|png)/giu;
const NEAR = 25;

interface Glue {
  at: number;
  strong: boolean;
  fallback?: boolean;
}

function wordAround(text: string, at: number): string {
  let s = at;
  let e = at;
  while (s > 0 && /\p{L}/u.test(text[s - 1] ?? '')) s -= 1;
  while (e < text.length && /\p{L}/u.test(text[e] ?? '')) e += 1;
  return text.slice(s, e);
}

function afterDot(text: string, at: number): Glue | null {
  const b = text[at];
  const c = text[at - 2];
  if (/\p{L}/u.test(b ?? '')) return { at, strong: !isDigit(c) };
  // "đường sắt.2.3. Tong hop…" is a file, "Mẫu I.1.3" and "1.002877" are not.
  if (isDigit(b) && (isLower(c) || c === ')')) return { at, strong: true };
  return null;
}

/** Where a cell ends and the next starts, judged from the two characters around `at`. */
function glueAt(text: string, at: number): Glue | null {
  const a = text[at - 1];
  const b = text[at];
  if (a === undefined || b === undefined || isSpace(b) || /[.,;:)]/u.test(b)) return null;
  if (a === ')' || a === ';' || a === ':') return { at, strong: true };
  if (a === ',' && !(isDigit(text[at - 2]) && isDigit(b))) return { at, strong: true };
  if (a === '.') return afterDot(text, at);
  const next = text[at + 1];
  // "Chính phủMẫu số 09": Vietnamese words are not camel-cased, ASCII file names can be.
  if (isLower(a) && (isUpper(b) || isDigit(b)) && /[^\p{ASCII}]/u.test(wordAround(text, at - 1))) {
    return { at, strong: true };
  }
  // "nguồn genBao cao…": camel case in an ASCII word, only trusted when nothing else is found.
  if (isLower(a) && isUpper(b)) return { at, strong: false, fallback: true };
  // "TT-BNNMTMẫu số 03", "Điều 5.033Mau 1": the capital before a lowercase letter opens the file.
  if ((isUpper(a) || isDigit(a)) && isUpper(b) && isLower(next) && (isUpper(text[at - 2]) || isDigit(a))) {
    return { at, strong: true };
  }
  return null;
}

function firstFileStart(text: string, extStart: number): number | null {
  const all: Glue[] = [];
  for (let at = 1; at < extStart; at += 1) {
    const g = glueAt(text, at);
    if (g) all.push(g);
  }
  const regular = all.filter((g) => !g.fallback);
  const glues = regular.length > 0 ? regular : all;
  const last = glues.at(-1);
  if (!last) return null;
  if (last.strong || last.fallback) return last.at;
  // "từ trần).Mẫu 04.TT41.doc": a digit-dot-letter just after a strong glue is inside the file.
  const strong = glues.filter((g) => g.strong && last.at - g.at <= NEAR).at(-1);
  return strong ? strong.at : last.at;
}

interface Ext {
  start: number;
  end: number;
}

function extensions(text: string): Ext[] {
  const out: Ext[] = [];
  for (const m of text.matchAll(EXT)) {
    const end = m.index + m[0].length;
    if (isLower(text[end]) || isDigit(text[end])) continue;
    out.push({ start: m.index, end });
  }
  return out;
}

export function splitFormFiles(
  text: string,
  sink: ParseWarning[],
): { name: string; formFiles: string[]; formText: string | null } {
  const exts = extensions(text);
  const lastExt = exts.at(-1);
  if (!lastExt || lastExt.end !== text.length) return { name: text, formFiles: [], formText: null };
  // Walk back over files glued end to end.
  let k = exts.length - 1;
  while (k > 0) {
    const prev = exts[k - 1];
    if (!prev || isSpace(text[prev.end]) || prev.end === exts[k]?.start) break;
    k -= 1;
  }
  const firstExt = exts[k];
  if (!firstExt) return { name: text, formFiles: [], formText: null };
  const start = firstFileStart(text, firstExt.start);
  if (start === null) {
    warn(sink, 'thanh_phan_ho_so', 'form_file_boundary_unknown', text);
    return { name: text, formFiles: [], formText: null };
  }
  const bounds = [start, ...exts.slice(k, -1).map((e) => e.end), text.length];
  const files = bounds.slice(0, -1).map((b, i) => text.slice(b, bounds[i + 1]).trim());
  return { name: text.slice(0, start).trim(), formFiles: files, formText: text.slice(start).trim() };
}
