/**
 * Outbound webhooks: portal events of an integration's agencies become one delivery row each (in the
 * event's dispatch, idempotent by event id and integration), sent by a worker job as a signed POST,
 * retried with exponential backoff, then dead until replayed.
 * Throws DOSSIER_SYNC_DELIVERY_NOT_FOUND (replay).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { DomainEvent } from '../../../platform/events/events.ts';
import { findDossier, listFiles } from '../core/dossier.repo.ts';
import { findWebhookTargets } from './integration.repo.ts';
import { asDossierDb, type SyncDb } from './sync-batch.repo.ts';
import type { WebhookDelivery } from './sync.types.ts';
import { presentWebhookBody } from './webhook.presenter.ts';
import { claimDelivery, findDelivery, finishAttempt, insertDeliveries, listDeliveries, reopenDeliveries, scheduleDelivery, toDelivery } from './webhook.repo.ts';
import { afterFailure, DEFAULT_RETRY, signWebhook, type RetryPolicy } from './webhook.workflow.ts';

export interface WebhookDeps {
  db: SyncDb;
  box: SecretBox | null;
  now: () => Date;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** How long one attempt may take. */
  timeoutMs?: number;
  logger?: Logger;
}

const USER_AGENT = 'OpenDVC-Webhooks/1';

export function createWebhookService(deps: WebhookDeps) {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };
  const send = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;

  /** One attempt: POST the stored body with fresh timestamp and signature. Never throws for the receiver's faults. */
  async function attempt(url: string, secret: string, delivery: { id: string; event_type: string; body: string }, now: Date): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const timestamp = Math.floor(now.getTime() / 1000);
    try {
      const response = await send(url, {
        method: 'POST',
        // A redirect is a failure: following it would send the signed body somewhere the admin never approved.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': USER_AGENT,
          'x-opendvc-event': delivery.event_type,
          'x-opendvc-delivery': delivery.id,
          'x-opendvc-timestamp': String(timestamp),
          'x-opendvc-signature': signWebhook(secret, timestamp, delivery.body),
        },
        body: delivery.body,
      });
      const text = await response.text().catch(() => '');
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null };
      return { ok: false, status: response.status, error: `HTTP ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      return { ok: false, status: null, error: (e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message)).slice(0, 300) };
    }
  }

  return {
    retry,

    /** Event handler: one delivery (and its job) per integration that wants this event for the dossier's agency. */
    async onPortalEvent(event: DomainEvent): Promise<void> {
      const dossierId = (event.payload as { dossierId?: unknown }).dossierId;
      if (typeof dossierId !== 'string') return;
      const dossier = await findDossier(asDossierDb(deps.db), dossierId);
      if (!dossier) return;
      const targets = await findWebhookTargets(deps.db, dossier.agencyCode, event.type);
      if (targets.length === 0) return;
      const body = presentWebhookBody(event, dossier, await listFiles(asDossierDb(deps.db), dossier.id));
      const now = deps.now();
      await deps.db.transaction().execute(async (tx) => {
        const ids = await insertDeliveries(tx, targets.map((t) => ({ id: randomUUID(), clientId: t.clientId, eventId: event.id, eventType: event.type, dossierId: dossier.id, body, now })));
        for (const id of ids) await scheduleDelivery(tx, id, null);
      });
    },

    /** The worker task: one attempt of a delivery, then delivered, another attempt scheduled, or dead. */
    async deliver(id: string): Promise<void> {
      const now = deps.now();
      const claimed = await claimDelivery(deps.db, id, now);
      if (!claimed) return;
      let secret: string | null = null;
      try {
        secret = deps.box ? deps.box.open(claimed.webhook_secret) : null;
      } catch {
        secret = null;
      }
      const result = secret
        ? await attempt(claimed.webhook_url, secret, claimed, now)
        : { ok: false, status: null, error: 'the webhook secret cannot be opened (application secret missing or changed)' };
      if (result.ok) {
        await finishAttempt(deps.db, id, { status: 'delivered', nextAttemptAt: null, lastStatus: result.status, lastError: null, deliveredAt: deps.now() });
        return;
      }
      const next = afterFailure(claimed.attempts, retry, deps.now());
      await deps.db.transaction().execute(async (tx) => {
        await finishAttempt(tx, id, { status: next.status, nextAttemptAt: next.status === 'pending' ? next.nextAttemptAt : null, lastStatus: result.status, lastError: result.error, deliveredAt: null });
        if (next.status === 'pending') await scheduleDelivery(tx, id, next.nextAttemptAt);
      });
      deps.logger?.[next.status === 'dead' ? 'warn' : 'info']({ deliveryId: id, clientId: claimed.client_id, attempts: claimed.attempts, error: result.error }, next.status === 'dead' ? 'webhook delivery dead' : 'webhook delivery failed; will retry');
    },

    /** Sends one delivery again with a fresh round of attempts (`clientId`: only that integration's). */
    async replay(id: string, clientId?: string): Promise<WebhookDelivery> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('DOSSIER_SYNC_DELIVERY_NOT_FOUND');
      const rows = await deps.db.transaction().execute(async (tx) => {
        const reopened = await reopenDeliveries(tx, { id, clientId, deadOnly: false });
        for (const row of reopened) await scheduleDelivery(tx, row.id, null);
        return reopened;
      });
      if (rows.length === 0) {
        const existing = await findDelivery(deps.db, id);
        if (!existing || (clientId !== undefined && existing.client_id !== clientId)) throw new AppError('DOSSIER_SYNC_DELIVERY_NOT_FOUND', `no delivery ${id}`);
        return toDelivery(existing); // being sent right now
      }
      return toDelivery(rows[0]!);
    },

    /** Sends every dead delivery again (of one integration, or of all). */
    async replayDead(clientId?: string): Promise<WebhookDelivery[]> {
      const rows = await deps.db.transaction().execute(async (tx) => {
        const reopened = await reopenDeliveries(tx, { clientId, deadOnly: true });
        for (const row of reopened) await scheduleDelivery(tx, row.id, null);
        return reopened;
      });
      return rows.map(toDelivery);
    },

    async list(filter: { clientId?: string; status?: WebhookDelivery['status']; limit?: number }): Promise<WebhookDelivery[]> {
      return (await listDeliveries(deps.db, { ...filter, limit: filter.limit ?? 50 })).map(toDelivery);
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
