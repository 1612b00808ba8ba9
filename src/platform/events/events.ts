import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';

/** A domain event as subscribers receive it. */
export interface DomainEvent<P = Record<string, unknown>> {
  readonly id: string;
  readonly type: string;
  readonly payload: P;
  readonly occurredAt: string;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

/** Which handlers react to which event type; built in the composition root (app.ts). */
export type Subscriptions = Readonly<Record<string, readonly EventHandler[]>>;

export const DISPATCH_TASK = 'platform:dispatch-event';

/**
 * Appends an event and the job that will dispatch it. Pass the transaction of the state change,
 * so the event exists exactly when the change does (no lost or phantom notifications).
 */
export async function publishEvent(db: Kysely<any>, type: string, payload: Record<string, unknown>, options: { id?: string } = {}): Promise<string> {
  const id = options.id ?? randomUUID();
  // One round trip: the event row, then its dispatch job (the CTE runs first, so the job never precedes the row).
  // With a given id, publishing the same event again (a retried job) adds nothing.
  await sql`
    WITH event AS (INSERT INTO platform_event (id, type, payload) VALUES (${id}, ${type}, ${JSON.stringify(payload)}::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id)
    SELECT graphile_worker.add_job(${DISPATCH_TASK}, json_build_object('id', event.id::text), job_key => ${`event:${id}`}) FROM event`.execute(db);
  return id;
}

/** A stable event id derived from a name (e.g. the source event and what it is about), for `publishEvent`'s `id`. */
export function derivedEventId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * The worker task that hands one event to every subscriber. Handlers must be idempotent by event
 * id: a failed handler makes the job retry, and the others run again too.
 */
export function createEventDispatcher(db: Kysely<any>, subscriptions: Subscriptions, logger: Logger) {
  return async (payload: unknown): Promise<void> => {
    const { id } = payload as { id: string };
    const row = await sql<{ id: string; type: string; payload: Record<string, unknown>; occurred_at: Date }>`
      SELECT id, type, payload, occurred_at FROM platform_event WHERE id = ${id}`.execute(db);
    const found = row.rows[0];
    if (!found) {
      logger.warn({ id }, 'event to dispatch not found');
      return;
    }
    const event: DomainEvent = { id: found.id, type: found.type, payload: found.payload, occurredAt: found.occurred_at.toISOString() };
    for (const handler of subscriptions[event.type] ?? []) await handler(event);
    await sql`UPDATE platform_event SET dispatched_at = now() WHERE id = ${id}`.execute(db);
  };
}
