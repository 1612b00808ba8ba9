// The "Thành phần hồ sơ" table: Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng, flattened without
// cell separators, one header row per group ("--" between groups), a case heading before a group.
// A row ends with the generated quantity "N bản chính" or "N bản chính,M bản sao" glued to the
// next row; quantities quoted in a document name are followed by a space or punctuation.

import type { ParseWarning, ProcedureDocument, ProcedureDocumentGroup } from './procedure.types.ts';
import { splitFormFiles } from './procedure-form-files.ts';
import { clean, isDigit, isNoInfo, isSpace, warn } from './procedure-text.ts';

const FIELD = 'thanh_phan_ho_so';
const HEADER = /(?:-{2,}\s*)?Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng/gu;
// "N bản chính,M bản sao" (no space after the comma) is only ever the generated cell.
const QUANTITY =
  /(\d+) bản chính(?:,(\d+) bản sao|(?=$|[^\s),;.:]|\s*(?:-{2,}\s*)?Tên giấy tờ|\s+[*+•-]\s))/gu;

interface Token {
  kind: 'header' | 'quantity';
  index: number;
  end: number;
  original: number;
  copy: number;
  text: string;
}

/**
 * The quantity's digits can run on from a number closing the name ("theo Mẫu số 18" +
 * "1 bản chính" = "181 bản chính"). Quantities are small, so a long run, or a two-digit run
 * after a space or slash, keeps only its last digit for the quantity.
 */
function quantityStart(text: string, index: number, digits: string, sink: ParseWarning[]): number {
  const before = text[index - 1];
  const split = digits.length >= 3 || (digits.length === 2 && (isSpace(before) || before === '/'));
  if (!split) return index;
  warn(sink, FIELD, 'quantity_digits_split', text.slice(Math.max(0, index - 40), index + digits.length + 10));
  return index + digits.length - 1;
}

function tokens(text: string, sink: ParseWarning[]): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(HEADER)) {
    out.push({ kind: 'header', index: m.index, end: m.index + m[0].length, original: 0, copy: 0, text: m[0] });
  }
  for (const m of text.matchAll(QUANTITY)) {
    if (isDigit(text[m.index - 1])) continue; // matchAll starts at the run's first digit anyway
    const end = m.index + m[0].length;
    const original = Number(m[1] ?? '');
    out.push({ kind: 'quantity', index: m.index, end, original, copy: Number(m[2] ?? 0), text: m[0] });
  }
  const kept = dropAdjacent(out.sort((a, b) => a.index - b.index), text, sink);
  return kept.map((tok) => (tok.kind === 'quantity' ? splitRunOn(tok, text, sink) : tok));
}

function splitRunOn(tok: Token, text: string, sink: ParseWarning[]): Token {
  const digits = /^\d+/u.exec(tok.text)?.[0] ?? '';
  const index = quantityStart(text, tok.index, digits, sink);
  if (index === tok.index) return tok;
  const quantityText = text.slice(index, tok.index + tok.text.length);
  return { ...tok, index, original: Number(text.slice(index, tok.index + digits.length)), text: quantityText };
}

/**
 * Quantities back to back: "…: 01 bản chính1 bản chính" (a space before the first) is the name's
 * own wording followed by the cell; "…TT-BXD1 bản chính1 bản chính" repeats the cell.
 */
function dropAdjacent(toks: Token[], text: string, sink: ParseWarning[]): Token[] {
  const out: Token[] = [];
  for (const tok of toks) {
    const prev = out.at(-1);
    if (tok.kind === 'quantity' && prev?.kind === 'quantity' && prev.end === tok.index) {
      if (isSpace(text[prev.index - 1])) {
        out[out.length - 1] = tok;
      } else {
        warn(sink, FIELD, 'quantity_repeated', text.slice(Math.max(0, prev.index - 40), tok.end));
        prev.end = tok.end;
      }
      continue;
    }
    out.push(tok);
  }
  return out;
}

function stripDashes(text: string): string {
  return clean(text.replace(/^\s*-{2,}/u, '').replace(/-{2,}\s*$/u, ''));
}

function makeDocument(raw: string, quantity: Token | null, sink: ParseWarning[]): ProcedureDocument | null {
  const text = stripDashes(raw);
  if (text === '' && !quantity) return null;
  const { name, formFiles, formText } = splitFormFiles(text, sink);
  if (name === '') warn(sink, FIELD, 'document_name_missing', raw);
  return {
    name,
    formFiles,
    formText,
    quantity: quantity ? { original: quantity.original, copy: quantity.copy } : null,
    quantityText: quantity ? clean(quantity.text) : null,
  };
}

export function parseDocuments(cell: string, sink: ParseWarning[]): ProcedureDocumentGroup[] {
  const text = cell.normalize('NFC');
  if (isNoInfo(stripDashes(text))) return [];
  const toks = tokens(text, sink);
  if (!toks.some((t) => t.kind === 'header')) warn(sink, FIELD, 'table_header_missing', text);
  const groups: ProcedureDocumentGroup[] = [];
  let current: ProcedureDocumentGroup | null = null;
  let cursor = 0;
  for (const tok of toks) {
    const between = text.slice(cursor, tok.index);
    if (tok.kind === 'header') {
      const caseName = stripDashes(between);
      current = { caseName: caseName === '' ? null : caseName, documents: [] };
      groups.push(current);
    } else {
      if (!current) {
        current = { caseName: null, documents: [] };
        groups.push(current);
      }
      const doc = makeDocument(between, tok, sink);
      if (doc) current.documents.push(doc);
    }
    cursor = tok.end;
  }
  closeTail(text.slice(cursor), groups, sink);
  return groups.filter((g) => g.documents.length > 0 || g.caseName !== null);
}

/** Text after the last quantity is a row whose quantity cell was empty; it is kept. */
function closeTail(tail: string, groups: ProcedureDocumentGroup[], sink: ParseWarning[]): void {
  if (stripDashes(tail) === '') return;
  warn(sink, FIELD, 'document_without_quantity', tail);
  const doc = makeDocument(tail, null, sink);
  if (!doc) return;
  let last = groups.at(-1);
  if (!last) {
    last = { caseName: null, documents: [] };
    groups.push(last);
  }
  last.documents.push(doc);
}
