/** All SQL on notification_inbox: an account's in-app messages. Every read and write is scoped to the account. */
import type { Kysely, Selectable } from 'kysely';
import type { NotificationTables } from './notification.tables.ts';

type Db = Kysely<NotificationTables>;
type Row = Selectable<NotificationTables['notification_inbox']>;

/** One stored in-app message. */
export interface InboxItem {
  readonly id: string;
  readonly eventId: string;
  readonly accountId: string;
  readonly kind: string;
  readonly params: Record<string, unknown>;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

/**
 * Stores the message of one event for each account, in the caller's transaction. An account that
 * already has it (a re-dispatched event) gets nothing new. Returns the ids inserted.
 */
export async function insertInboxItems(
  tx: Db,
  event: { id: string; occurredAt: Date },
  items: ReadonlyArray<{ id: string; accountId: string; kind: string; params: Record<string, unknown> }>,
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await tx
    .insertInto('notification_inbox')
    .values(items.map((i) => ({ id: i.id, event_id: event.id, account_id: i.accountId, kind: i.kind, params: JSON.stringify(i.params), created_at: event.occurredAt, read_at: null })))
    .onConflict((oc) => oc.constraint('notification_inbox_once').doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The account's messages, newest first. */
export async function listInbox(db: Db, accountId: string, page: { limit: number; offset: number }): Promise<InboxItem[]> {
  const rows = await db
    .selectFrom('notification_inbox')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toItem);
}

export async function countInbox(db: Db, accountId: string): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notification_inbox')
    .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.count<string>('id').filterWhere('read_at', 'is', null).as('unread')])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return { total: Number(row?.total ?? 0), unread: Number(row?.unread ?? 0) };
}

/** Unread messages only (the header's count): served by the partial index. */
export async function countUnread(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notification_inbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the account's messages read; false when the account has no such message. */
export async function markRead(db: Db, accountId: string, id: string, at: Date): Promise<boolean> {
  const found = await db.selectFrom('notification_inbox').select('read_at').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (!found) return false;
  if (found.read_at === null) {
    await db.updateTable('notification_inbox').set({ read_at: at }).where('id', '=', id).where('account_id', '=', accountId).where('read_at', 'is', null).execute();
  }
  return true;
}

/** Marks every unread message of the account read; returns how many. */
export async function markAllRead(db: Db, accountId: string, at: Date): Promise<number> {
  const result = await db.updateTable('notification_inbox').set({ read_at: at }).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function toItem(row: Row): InboxItem {
  return { id: row.id, eventId: row.event_id, accountId: row.account_id, kind: row.kind, params: row.params, createdAt: row.created_at, readAt: row.read_at };
}
