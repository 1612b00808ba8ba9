/** Rules for a saved document's details (pure: today's date is an argument). */
import { SAVED_DOCUMENT_KINDS, type SavedDocumentKind } from './document.types.ts';

export interface FieldError {
  readonly field: string;
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface SavedDocumentInput {
  title: string;
  kind: string;
  issuedBy: string;
  issuedOn: string;
}

export interface SavedDocumentDetails {
  title: string;
  kind: SavedDocumentKind;
  issuedBy: string | null;
  issuedOn: string | null;
}

export const MAX_TEXT_LENGTH = 200;

/** Checks what a person typed; errors name the field (its input's id) for the error summary. */
export function checkSavedDocument(input: SavedDocumentInput, today: string): { ok: true; value: SavedDocumentDetails } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const title = clean(input.title);
  const issuedBy = clean(input.issuedBy);
  const issuedOnText = input.issuedOn.trim();
  if (title === '') errors.push({ field: 'title', messageKey: 'documents.saved.errors.titleMissing' });
  else if ([...title].length > MAX_TEXT_LENGTH) errors.push({ field: 'title', messageKey: 'documents.saved.errors.titleTooLong', params: { max: MAX_TEXT_LENGTH } });
  const kind = (SAVED_DOCUMENT_KINDS as readonly string[]).includes(input.kind) ? (input.kind as SavedDocumentKind) : null;
  if (!kind) errors.push({ field: 'kind', messageKey: 'documents.saved.errors.kindMissing' });
  if ([...issuedBy].length > MAX_TEXT_LENGTH) errors.push({ field: 'issuedBy', messageKey: 'documents.saved.errors.issuedByTooLong', params: { max: MAX_TEXT_LENGTH } });
  const issuedOn = issuedOnText === '' ? null : parseDate(issuedOnText);
  if (issuedOnText !== '' && issuedOn === null) errors.push({ field: 'issuedOn', messageKey: 'documents.saved.errors.issuedOnInvalid' });
  else if (issuedOn !== null && issuedOn > today) errors.push({ field: 'issuedOn', messageKey: 'documents.saved.errors.issuedOnFuture' });
  if (errors.length > 0 || !kind) return { ok: false, errors };
  return { ok: true, value: { title, kind, issuedBy: issuedBy === '' ? null : issuedBy, issuedOn } };
}

/** "2024-03-27", "27/3/2024" or "27-03-2024" → "2024-03-27"; null when it is no real date (31/02) or before 1900. */
export function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return null;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in Vietnam (UTC+7 all year, no daylight saving), as 'yyyy-mm-dd'. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
