import type { Locale } from '../../../../platform/i18n/i18n.ts';
import { noticeText } from '../../dossier-notice.workflow.ts';
import { noticeFromParams } from '../../dossier-notice.types.ts';
import type { InboxItem } from '../../inbox.repo.ts';
import { formatTime } from '../../notification-render.workflow.ts';

export const INBOX_PATH = '/tai-khoan/thong-bao';
export const INBOX_PAGE_SIZE = 20;

/** One in-app message as the inbox page shows it, in the reader's language. */
export interface InboxCard {
  readonly id: string;
  readonly title: string;
  readonly lines: readonly string[];
  readonly timeIso: string;
  readonly time: string;
  readonly unread: boolean;
  /** The dossier's page, when the message is about one. */
  readonly href: string | null;
  readonly code: string | null;
}

export function presentInboxItem(item: InboxItem, locale: Locale): InboxCard {
  const notice = noticeFromParams(item.kind, item.params);
  const said = notice ? noticeText(notice, locale) : null;
  return {
    id: item.id,
    title: said?.title ?? item.kind,
    lines: said?.lines ?? [],
    timeIso: item.createdAt.toISOString(),
    time: formatTime(item.createdAt, locale, true),
    unread: item.readAt === null,
    href: notice?.dossierId ? `/ho-so/${notice.dossierId}` : null,
    code: notice?.code ?? null,
  };
}

/** `?trang=` as a page number from 1 (anything else is page 1). */
export function parsePage(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.trang;
  const n = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
}
