import { sql, type Kysely, type Selectable } from 'kysely';
import type { NotificationTables } from './notification.tables.ts';
import type { NotificationMessage, RenderedMessage } from './notification.types.ts';

type Db = Kysely<NotificationTables>;
type Row = Selectable<NotificationTables['notification_message']>;

export const DELIVER_TASK = 'notifications:deliver';

/** Retries of one message, counting the first try; graphile-worker spaces them exponentially (~4 min in all). */
export const MAX_DELIVERY_ATTEMPTS = 6;

/**
 * Stores a rendered message and the job that delivers it, in the caller's transaction.
 * Returns null when the event already produced this message (a re-dispatch): nothing is queued.
 */
export async function insertMessage(tx: Db, id: string, event: { id: string; type: string }, message: RenderedMessage): Promise<string | null> {
  const inserted = await tx
    .insertInto('notification_message')
    .values({
      id,
      event_id: event.id,
      event_type: event.type,
      channel: message.channel,
      recipient: message.recipient,
      locale: message.locale,
      subject: message.subject,
      body: message.text,
      html: message.html,
      expires_at: message.expiresAt,
      last_error: null,
      transport: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.constraint('notification_message_once').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await sql`SELECT graphile_worker.add_job(${DELIVER_TASK}, json_build_object('id', ${id}::text),
    job_key => ${`notification:${id}`}, max_attempts => ${MAX_DELIVERY_ATTEMPTS}::int)`.execute(tx);
  return id;
}

/** Counts one more attempt on a message still waiting; null when it is already sent or given up. */
export async function claimForDelivery(db: Db, id: string): Promise<NotificationMessage | null> {
  const row = await db
    .updateTable('notification_message')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row ? toMessage(row) : null;
}

export async function markSent(db: Db, id: string, transport: string, at: Date): Promise<void> {
  await db.updateTable('notification_message').set({ status: 'sent', sent_at: at, transport, last_error: null }).where('id', '=', id).execute();
}

/** Records a failed attempt; `final` gives up on the message. */
export async function recordFailure(db: Db, id: string, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('notification_message')
    .set({ last_error: error.slice(0, 2000), ...(final ? { status: 'failed' as const } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function findMessage(db: Db, id: string): Promise<NotificationMessage | null> {
  const row = await db.selectFrom('notification_message').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : null;
}

/** The latest messages, newest first, optionally to one recipient (case-insensitive). */
export async function listLatest(db: Db, options: { to?: string | undefined; limit: number }): Promise<NotificationMessage[]> {
  let query = db.selectFrom('notification_message').selectAll();
  if (options.to) query = query.where(sql<string>`lower(recipient)`, '=', options.to.toLowerCase());
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(toMessage);
}

function toMessage(row: Row): NotificationMessage {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    channel: row.channel,
    recipient: row.recipient,
    locale: row.locale,
    subject: row.subject,
    text: row.body,
    html: row.html,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    transport: row.transport,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
