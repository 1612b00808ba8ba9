// Text helpers shared by the procedure-record parsers.

import type { ParseWarning } from './procedure.types.ts';

export const NO_INFO = 'Không có thông tin';

/** NFC, every whitespace run (newlines included) collapsed to one space, trimmed. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The portal writes "Không có thông tin" for an empty cell; it also means null here. */
export function isNoInfo(text: string): boolean {
  const c = clean(text).replace(/[.:]+$/u, '');
  return c === '' || c.toLowerCase() === NO_INFO.toLowerCase();
}

/** clean() that maps empty and "Không có thông tin" to null. */
export function cleanOrNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined || isNoInfo(text)) return null;
  return clean(text);
}

/**
 * Splits on separator characters that are outside brackets, so that
 * "Tổ chức (không bao gồm doanh nghiệp, HTX)" stays one item.
 */
export function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth += 1;
    else if ((ch === ')' || ch === ']') && depth > 0) depth -= 1;
    if (depth === 0 && separators.includes(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(clean).filter((p) => p !== '' && !isNoInfo(p));
}

/**
 * A comma/semicolon list cell ("A, B (x, y), C") as clean items; no-info gives []. Items start
 * with a capital, so a lowercase continuation is part of the name: "Cục an ninh mạng và phòng,
 * chống tội phạm sử dụng công nghệ cao" is one agency.
 */
export function listCell(text: string | null | undefined): string[] {
  if (text === null || text === undefined || isNoInfo(text)) return [];
  const items: string[] = [];
  for (const part of splitTopLevel(text.normalize('NFC'), ',;')) {
    const last = items.length - 1;
    if (last >= 0 && /^\p{Ll}/u.test(part)) items[last] = `${items[last] ?? ''}, ${part}`;
    else items.push(part);
  }
  return items;
}

/** Index just past the bracket that closes the one at `open`, or -1 when it never closes. */
export function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Warning texts are excerpts; whole cells can run to tens of kilobytes. */
export function excerpt(text: string, max = 300): string {
  const c = clean(text);
  return c.length <= max ? c : `${c.slice(0, max)}…`;
}

export function warn(sink: ParseWarning[], field: string, kind: string, text: string): void {
  sink.push({ field, kind, text: excerpt(text) });
}

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
export const isUpper = (ch: string | undefined): boolean => ch !== undefined && UPPER.test(ch);
export const isLower = (ch: string | undefined): boolean => ch !== undefined && LOWER.test(ch);
export const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
export const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);
