/** SQL of dossier_webhook_delivery and the jobs that send them. */
import { sql, type Selectable } from 'kysely';
import type { SyncDb } from './sync-batch.repo.ts';
import type { DossierWebhookDeliveryTable } from './sync.tables.ts';
import type { WebhookDelivery } from './sync.types.ts';

export const DELIVER_WEBHOOK_TASK = 'dossiers:deliver-webhook';
/** A delivery still 'sending' after this long lost its worker (crash, restart): it may be claimed again. */
const SENDING_TIMEOUT_MS = 5 * 60_000;
/** Tolerance between the clock that scheduled an attempt and the one that runs it. */
const CLOCK_SLACK_MS = 5_000;

type DeliveryRow = Selectable<DossierWebhookDeliveryTable>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    clientId: r.client_id,
    eventId: r.event_id,
    eventType: r.event_type,
    dossierId: r.dossier_id,
    status: r.status,
    attempts: r.attempts,
    replays: r.replays,
    nextAttemptAt: iso(r.next_attempt_at),
    lastAttemptAt: iso(r.last_attempt_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: iso(r.delivered_at),
    createdAt: r.created_at.toISOString(),
  };
}

/** Adds the job that sends a delivery, at `runAt` (now when absent), in the caller's transaction. */
export async function scheduleDelivery(db: SyncDb, id: string, runAt: Date | null): Promise<void> {
  await sql`SELECT graphile_worker.add_job(${DELIVER_WEBHOOK_TASK}, json_build_object('id', ${id}::text), run_at => ${runAt ? runAt.toISOString() : null}::timestamptz, max_attempts => 5)`.execute(db);
}

/** One delivery per (event, integration): a second dispatch of the same event adds nothing. Returns the new ids. */
export async function insertDeliveries(
  tx: SyncDb,
  rows: ReadonlyArray<{ id: string; clientId: string; eventId: string; eventType: string; dossierId: string | null; body: string; now: Date }>,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insertInto('dossier_webhook_delivery')
    .values(rows.map((r) => ({ id: r.id, client_id: r.clientId, event_id: r.eventId, event_type: r.eventType, dossier_id: r.dossierId, body: r.body, created_at: r.now })))
    .onConflict((oc) => oc.columns(['event_id', 'client_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

/**
 * Takes a delivery for one attempt (status 'sending', attempts + 1) if it is due, its integration is
 * enabled and has a webhook. Null when there is nothing to do (delivered, dead, not due, taken).
 */
export async function claimDelivery(db: SyncDb, id: string, now: Date): Promise<(DeliveryRow & { webhook_url: string; webhook_secret: string }) | null> {
  const { rows } = await sql<DeliveryRow & { webhook_url: string; webhook_secret: string }>`
    UPDATE dossier_webhook_delivery AS d
    SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${now.toISOString()}::timestamptz, next_attempt_at = NULL
    FROM dossier_integration AS i
    WHERE d.id = ${id}::uuid AND i.client_id = d.client_id AND i.enabled AND i.webhook_url IS NOT NULL AND i.webhook_secret IS NOT NULL
      AND ((d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${new Date(now.getTime() + CLOCK_SLACK_MS).toISOString()}::timestamptz))
        OR (d.status = 'sending' AND d.last_attempt_at < ${new Date(now.getTime() - SENDING_TIMEOUT_MS).toISOString()}::timestamptz))
    RETURNING d.*, i.webhook_url, i.webhook_secret`.execute(db);
  return rows[0] ?? null;
}

/** Records an attempt's outcome. */
export async function finishAttempt(
  db: SyncDb,
  id: string,
  outcome: { status: 'delivered' | 'pending' | 'dead'; nextAttemptAt: Date | null; lastStatus: number | null; lastError: string | null; deliveredAt: Date | null },
): Promise<void> {
  await db
    .updateTable('dossier_webhook_delivery')
    .set({ status: outcome.status, next_attempt_at: outcome.nextAttemptAt, last_status: outcome.lastStatus, last_error: outcome.lastError, delivered_at: outcome.deliveredAt })
    .where('id', '=', id)
    .execute();
}

/**
 * Makes deliveries pending again with a fresh round of attempts: dead ones, or — when `id` names
 * one — any that is not being sent right now. `clientId` limits it to one integration's deliveries.
 */
export async function reopenDeliveries(db: SyncDb, filter: { id?: string; clientId?: string; deadOnly: boolean }): Promise<DeliveryRow[]> {
  let query = db
    .updateTable('dossier_webhook_delivery')
    .set((eb) => ({ status: 'pending' as const, attempts: 0, replays: eb('replays', '+', 1), next_attempt_at: null }))
    .where('status', 'in', filter.deadOnly ? ['dead'] : ['dead', 'delivered', 'pending']);
  if (filter.id) query = query.where('id', '=', filter.id);
  if (filter.clientId) query = query.where('client_id', '=', filter.clientId);
  return query.returningAll().execute();
}

export async function findDelivery(db: SyncDb, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('dossier_webhook_delivery').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDeliveries(db: SyncDb, filter: { clientId?: string; status?: WebhookDelivery['status']; limit: number }): Promise<DeliveryRow[]> {
  let query = db.selectFrom('dossier_webhook_delivery').selectAll();
  if (filter.clientId) query = query.where('client_id', '=', filter.clientId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
}
