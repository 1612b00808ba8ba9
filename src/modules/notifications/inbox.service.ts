/** The in-app inbox of an account: read, count, mark read. A person only ever reaches their own messages. */
import type { Kysely } from 'kysely';
import { countInbox, countUnread, listInbox, markAllRead, markRead, type InboxItem } from './inbox.repo.ts';
import type { NotificationTables } from './notification.tables.ts';

export type { InboxItem };

export function createInboxService(deps: { db: Kysely<NotificationTables>; now: () => Date }) {
  const { db, now } = deps;
  return {
    /** The account's messages, newest first, with the totals for the page. */
    async list(accountId: string, page: { limit: number; offset: number }): Promise<{ items: InboxItem[]; total: number; unread: number }> {
      const [items, counts] = await Promise.all([listInbox(db, accountId, page), countInbox(db, accountId)]);
      return { items, ...counts };
    },
    unreadCount: (accountId: string): Promise<number> => countUnread(db, accountId),
    /** False when the account has no such message (someone else's is the same as none). */
    markRead: (accountId: string, id: string): Promise<boolean> => (/^[0-9a-f-]{36}$/i.test(id) ? markRead(db, accountId, id, now()) : Promise.resolve(false)),
    markAllRead: (accountId: string): Promise<number> => markAllRead(db, accountId, now()),
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
