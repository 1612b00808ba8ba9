/**
 * Matches credit lines of a bank statement to payment requests by the payment code in the transfer
 * content and the exact amount. Pure: the caller passes a lookup of requests by code.
 */
import type { StatementLine } from './bank-statement.parser.ts';

export type { StatementLine } from './bank-statement.parser.ts';

/** How payment codes look: a fixed prefix and a fixed number of letters/digits after it (e.g. DVC + 8). */
export interface PaymentCodeFormat {
  readonly prefix: string;
  readonly bodyLength: number;
}

export type RequestStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'cancelled' | 'refunded';

export interface PaymentRequestView {
  readonly code: string;
  readonly amountVnd: number;
  readonly status: RequestStatus;
}

export type RequestLookup = (code: string) => PaymentRequestView | undefined;

export type UnmatchedReason =
  | 'no_code'
  | 'unknown_code'
  | 'several_codes'
  | 'amount_differs'
  | 'already_paid'
  | 'request_closed'
  | 'duplicate_line';

export interface MatchedLine {
  readonly line: StatementLine;
  readonly code: string;
}

export interface UnmatchedLine {
  readonly line: StatementLine;
  readonly reason: UnmatchedReason;
  readonly code?: string;
  readonly expectedAmountVnd?: number;
}

export interface StatementMatch {
  readonly matched: MatchedLine[];
  readonly unmatched: UnmatchedLine[];
  /** Debits: money leaving the account is never a citizen's payment. */
  readonly ignored: StatementLine[];
}

/** Upper-case letters and digits only: banks insert spaces, dashes, dots and line breaks into content. */
export function compactContent(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** Every distinct candidate code (prefix + bodyLength characters) in the content, in order found. */
export function findPaymentCodes(content: string, format: PaymentCodeFormat): string[] {
  const compact = compactContent(content);
  const prefix = compactContent(format.prefix);
  const found: string[] = [];
  for (let at = compact.indexOf(prefix); at >= 0; at = compact.indexOf(prefix, at + 1)) {
    const candidate = compact.slice(at, at + prefix.length + format.bodyLength);
    if (candidate.length === prefix.length + format.bodyLength && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}

function duplicateKey(line: StatementLine): string {
  // The bank reference identifies a transaction; without one, the same time, amount and content
  // twice in one file is taken as the same transaction exported twice.
  return line.reference !== ''
    ? `ref:${line.reference}`
    : `row:${line.bookedAt ?? ''}|${line.amountVnd}|${line.direction}|${line.description}`;
}

/** Canonical order (everything but the line number), so the result does not depend on row order. */
function compareLines(a: StatementLine, b: StatementLine): number {
  const ka = [a.bookedAt ?? '', a.reference, String(a.amountVnd).padStart(16, '0'), a.direction, a.description];
  const kb = [b.bookedAt ?? '', b.reference, String(b.amountVnd).padStart(16, '0'), b.direction, b.description];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! < kb[i]!) return -1;
    if (ka[i]! > kb[i]!) return 1;
  }
  return a.lineNumber - b.lineNumber;
}

/**
 * Matches statement lines to payment requests. A request is matched at most once: a second credit for
 * it (in this file or after an earlier payment) is `already_paid`, to be refunded by finance officers.
 */
export function matchStatementLines(
  lines: readonly StatementLine[],
  lookup: RequestLookup,
  format: PaymentCodeFormat,
): StatementMatch {
  const matched: MatchedLine[] = [];
  const unmatched: UnmatchedLine[] = [];
  const ignored: StatementLine[] = [];
  const seenLines = new Set<string>();
  const paidHere = new Set<string>();

  for (const line of [...lines].sort(compareLines)) {
    if (line.direction === 'debit') {
      ignored.push(line);
      continue;
    }
    const key = duplicateKey(line);
    if (seenLines.has(key)) {
      unmatched.push({ line, reason: 'duplicate_line' });
      continue;
    }
    seenLines.add(key);

    const candidates = findPaymentCodes(line.description, format);
    if (candidates.length === 0) {
      unmatched.push({ line, reason: 'no_code' });
      continue;
    }
    const known = candidates.flatMap((code) => {
      const request = lookup(code);
      return request ? [request] : [];
    });
    if (known.length === 0) {
      unmatched.push({ line, reason: 'unknown_code', code: candidates[0]! });
      continue;
    }
    if (known.length > 1) {
      unmatched.push({ line, reason: 'several_codes', code: known.map((r) => r.code).join(',') });
      continue;
    }
    const request = known[0]!;
    const code = request.code;
    if (request.amountVnd !== line.amountVnd) {
      unmatched.push({ line, reason: 'amount_differs', code, expectedAmountVnd: request.amountVnd });
    } else if (request.status === 'paid' || request.status === 'refunded' || paidHere.has(code)) {
      unmatched.push({ line, reason: 'already_paid', code });
    } else if (request.status !== 'pending') {
      unmatched.push({ line, reason: 'request_closed', code });
    } else {
      paidHere.add(code);
      matched.push({ line, code });
    }
  }
  return { matched, unmatched, ignored };
}
