import { randomUUID } from 'node:crypto';
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
export async function publishEvent(db: Kysely<any>, type: string, payload: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  // One round trip: the event row, then its dispatch job (the CTE runs first, so the job never precedes the row).
  await sql`
    WITH event AS (INSERT INTO platform_event (id, type, payload) VALUES (${id}, ${type}, ${JSON.stringify(payload)}::jsonb) RETURNING id)
    SELECT graphile_worker.add_job(${DISPATCH_TASK}, json_build_object('id', event.id::text), job_key => ${`event:${id}`}) FROM event`.execute(db);
  return id;
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
