// View-model helpers shared by the catalog pages: labels, durations, amounts, pagination.
import type { Locale } from '../../../platform/i18n/i18n.ts';
import { withQuery } from '../../../platform/views/views.ts';

/** A message for the template to translate: `t(m.key, m.params)`. Pages hand keys, not text, to views. */
export interface Message {
  key: string;
  params?: Record<string, unknown>;
}

export const PAGE_SIZE = 20;
/** The service accepts offsets up to 100,000. */
export const MAX_PAGE = Math.floor(100_000 / PAGE_SIZE) + 1;

const DURATION_UNITS = new Set(['working_days', 'days', 'hours', 'months']);

/** "5 ngày làm việc" from a parsed duration, or null. */
export function durationMessage(d: { value: number; unit: string } | null | undefined, locale: Locale): Message | null {
  if (!d) return null;
  const unit = DURATION_UNITS.has(d.unit) ? d.unit : 'days';
  return { key: `catalog.duration.${d.value === 1 ? 'one.' : ''}${unit}`, params: { n: formatNumber(d.value, locale) } };
}

export function formatNumber(value: number, locale: Locale = 'vi'): string {
  return value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
}

/** "100.000 đồng" or "Miễn phí" for a parsed amount; null when the page states none. */
export function amountMessage(amountVnd: number | null | undefined, locale: Locale): Message | null {
  if (amountVnd === null || amountVnd === undefined) return null;
  if (amountVnd === 0) return { key: 'catalog.fee.free' };
  return { key: 'catalog.fee.amount', params: { amount: formatNumber(amountVnd, locale) } };
}

/** A date in the reader's language: 12/05/2025 or 12 May 2025. */
export function formatDate(iso: string | null | undefined, locale: Locale): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return locale === 'vi'
    ? date.toLocaleDateString('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' })
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
}

export function levelKey(level: string): string {
  return `catalog.level.${['ministry', 'province', 'commune'].includes(level) ? level : 'other'}`;
}

export interface PaginationView {
  previous: string | null;
  next: string | null;
  items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }>;
}

/**
 * GOV.UK pagination for `total` results: first, last, and two pages either side of the current one.
 * `hrefFor(page)` keeps the reader's other query parameters.
 */
export function buildPagination(total: number, page: number, hrefFor: (page: number) => string): PaginationView | null {
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
  if (pages <= 1 && page <= 1) return null;
  const items: PaginationView['items'] = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page });
    last = n;
  }
  return {
    previous: page > 1 ? hrefFor(Math.min(page - 1, Math.max(pages, 1))) : null,
    next: page < pages ? hrefFor(page + 1) : null,
    items,
  };
}

/** `/thu-tuc?…` for a set of search parameters (empty ones dropped). */
export function searchHref(params: Record<string, unknown>): string {
  return withQuery('/thu-tuc', params);
}
