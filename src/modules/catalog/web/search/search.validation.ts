import { z } from 'zod';
import { MAX_QUERY_LENGTH } from '../../catalog.service.ts';
import type { FeeFilter, LevelKind } from '../../catalog.types.ts';
import { MAX_PAGE } from '../catalog-view.presenter.ts';

export interface SearchParams {
  q: string;
  sector?: string;
  level?: LevelKind;
  agency?: string;
  online?: boolean;
  fee?: FeeFilter;
  page: number;
}

export interface FieldError {
  field: 'q';
  messageKey: string;
}

/** The first value of a query parameter given once or repeated (`?q=a&q=b`). */
const single = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.unknown());
const optionalText = (max: number) =>
  single.pipe(z.string().trim().max(max).optional()).catch(undefined).transform((v) => (v ? v : undefined));

// Filters a reader cannot have chosen on the page (a hand-edited URL) are dropped, not reported:
// the page still answers with every procedure that matches the rest.
const filtersSchema = z.object({
  sector: optionalText(120),
  level: single.pipe(z.enum(['ministry', 'province', 'commune', 'other']).optional()).catch(undefined),
  agency: optionalText(200),
  online: single.pipe(z.enum(['true', 'false']).optional()).catch(undefined).transform((v) => (v === undefined ? undefined : v === 'true')),
  fee: single.pipe(z.enum(['free', 'paid']).optional()).catch(undefined),
  page: single.pipe(z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1),
});

/**
 * Reads the results page's query string. Never throws: a query text longer than the catalog accepts
 * comes back as a field error (the page answers 400 with an error summary and keeps the text).
 */
export function parseSearchParams(raw: unknown): { params: SearchParams; errors: FieldError[] } {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const first = Array.isArray(input.q) ? input.q[0] : input.q;
  const q = typeof first === 'string' ? first.normalize('NFC') : '';
  const filters = filtersSchema.parse(input);
  const errors: FieldError[] = q.length > MAX_QUERY_LENGTH ? [{ field: 'q', messageKey: 'catalog.search.errors.qTooLong' }] : [];
  return { params: { q, ...filters }, errors };
}
