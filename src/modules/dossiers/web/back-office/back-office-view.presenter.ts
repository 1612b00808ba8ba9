/** Small view helpers shared by the back-office pages: Vietnam times, status and progress tags, paths. */
import { statusTag } from '../dossier-status.presenter.ts';
import { withQuery } from '../../../../platform/views/views.ts';
import type { ProgressClass } from '../../deadline.workflow.ts';
import type { DossierStatus } from '../../core/dossier.types.ts';
import { formatVietnamTime } from '../../working-time.workflow.ts';

export const OFFICE_PATH = '/can-bo/ho-so';
export const DESK_PATH = `${OFFICE_PATH}/tiep-nhan-truc-tiep`;
export const dossierPath = (id: string) => `${OFFICE_PATH}/${id}`;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `22/11/2026 15:04` in Vietnam time (the same in both languages: it is how officials write it), or null. */
export function formatTime(iso: string | Date | null | undefined): string | null {
  if (!iso) return null;
  const local = formatVietnamTime(typeof iso === 'string' ? new Date(iso) : iso);
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/** The govuk tag colour of a progress class: red for late, green for done in time, blue while running. */
export { progressTag } from '../dossier-status.presenter.ts';

/** The status in words and its national code (DOMAIN §4), e.g. "Đang xử lý (4)", with the same colours as the citizen's pages. */
export function statusView(status: DossierStatus, code: number | null) {
  return statusTag(status, code);
}

/** GOV.UK pagination for a list of `total` rows, `size` per page (null when one page holds everything). */
export function buildPagination(total: number, page: number, size: number, hrefFor: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
    if (n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page });
    last = n;
  }
  return { previous: page > 1 ? hrefFor(Math.min(page - 1, pages)) : null, next: page < pages ? hrefFor(page + 1) : null, items };
}

export { withQuery };

/** The first value of a form field as NFC text ('' when absent). */
export function fieldOf(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC') : '';
}
