import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger as WorkerLogger, run, type Runner } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, readyDraft, twoAgencies } from '../../../../test/support/dossier-fixtures.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';
import { createEventDispatcher, DISPATCH_TASK } from '../../../platform/events/events.ts';
import { createSyncModule, type SyncModule } from './sync.module.ts';
import { verifyWebhook } from './webhook.workflow.ts';

// Portal events reach agency systems' webhooks: a real graphile worker dispatches the events and
// sends the deliveries to real HTTP receivers on 127.0.0.1 that check the signature.
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook endpoint that answers 500 to the first `failures` requests, then 204. */
async function receiver(failures = 0) {
  const received: Received[] = [];
  const state = { failures };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      if (state.failures > 0) {
        state.failures--;
        response.writeHead(500, { 'content-type': 'text/plain' }).end('database down');
      } else {
        response.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/opendvc`, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let sync: SyncModule;
let worker: Runner;
let agencyA: string;
let agencyB: string;
const receivers: Array<Awaited<ReturnType<typeof receiver>>> = [];

beforeAll(async () => {
  portal = await startTestPortal();
  [agencyA, agencyB] = await twoAgencies(portal.app);
  const { dossiers } = portal.app.modules;
  // The worker's side, with the application secret and a short backoff so retries happen within the test.
  sync = createSyncModule(
    { db: portal.database.db, calendar: dossiers.calendar, now: () => new Date(), services: dossiers.services },
    { secret: 'test-application-secret-of-at-least-32-chars', allowInsecureWebhooks: true, retry: { baseMs: 100, maxMs: 400, maxAttempts: 3 }, webhookTimeoutMs: 2000 },
  );
  const logger = pino({ level: 'silent' });
  worker = await run({
    pgPool: portal.database.pool,
    taskList: { [DISPATCH_TASK]: createEventDispatcher(portal.database.db, sync.subscriptions, logger), ...sync.tasks() },
    concurrency: 2,
    pollInterval: 100,
    noHandleSignals: true,
    crontab: '',
    logger: new WorkerLogger(() => () => undefined),
  });
});

afterAll(async () => {
  await worker?.stop();
  for (const r of receivers) await r.close();
  await portal?.close();
});

const deliveriesOf = (clientId: string) => portal.database.db.selectFrom('dossier_webhook_delivery').selectAll().where('client_id', '=', clientId).orderBy('created_at').execute();

describe('webhooks to agency systems', () => {
  it('pushes a newly submitted dossier to the agency’s system, signed, once', async () => {
    const endpoint = await receiver();
    receivers.push(endpoint);
    const { integration, webhookSecret } = await sync.integrations.add({ clientId: 'mc-webhook-a', name: 'Một cửa A', agencyCodes: [agencyA], webhookUrl: endpoint.url });
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(integration.events).toEqual(['dossier.submitted', 'dossier.supplement_provided', 'dossier.payment_recorded']);

    const person = await citizen(portal.app);
    const draft = await readyDraft(portal.app, person, agencyA);
    const submitted = await portal.app.modules.dossiers.drafts.submit(person.actor, draft.id);

    const [delivery] = await until(async () => {
      const rows = await deliveriesOf('mc-webhook-a');
      return rows[0]?.status === 'delivered' && rows;
    }, 'the delivery');
    expect(endpoint.received).toHaveLength(1);
    const { headers, body } = endpoint.received[0]!;
    expect(headers['x-opendvc-event']).toBe('dossier.submitted');
    expect(headers['x-opendvc-delivery']).toBe(delivery!.id);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(verifyWebhook(webhookSecret!, { signature: headers['x-opendvc-signature'] as string, timestamp: headers['x-opendvc-timestamp'] as string }, body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhook('whsec_wrong', { signature: headers['x-opendvc-signature'] as string, timestamp: headers['x-opendvc-timestamp'] as string }, body, Math.floor(Date.now() / 1000))).toBe(false);
    const payload = JSON.parse(body) as { type: string; eventId: string; dossier: Record<string, unknown> };
    expect(payload).toMatchObject({ type: 'dossier.submitted', eventId: delivery!.event_id });
    expect(payload.dossier).toMatchObject({ id: submitted.id, code: submitted.code, agencyCode: agencyA, status: 1, channel: 2, origin: 'portal' });
    expect((payload.dossier.applicant as { idNumber: string }).idNumber).toBe(person.profile.idNumber);
    expect((payload.dossier.files as unknown[]).length).toBeGreaterThan(0);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status: 204, last_error: null });

    // The event dispatched again (a retried dispatch job): idempotent by event and integration.
    const event = await portal.database.db.selectFrom('platform_event').selectAll().where('id', '=', delivery!.event_id).executeTakeFirstOrThrow();
    await sync.webhooks.onPortalEvent({ id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurred_at.toISOString() });
    expect(await deliveriesOf('mc-webhook-a')).toHaveLength(1);
    // Another agency's dossier never goes to this integration.
    const other = await citizen(portal.app);
    await portal.app.modules.dossiers.drafts.submit(other.actor, (await readyDraft(portal.app, other, agencyB)).id);
    await new Promise((r) => setTimeout(r, 500));
    expect(endpoint.received).toHaveLength(1);
  });

  it('retries a failing endpoint with backoff, then dead-letters it; the client replays it through the API', async () => {
    const endpoint = await receiver(1000);
    receivers.push(endpoint);
    const client = await portal.app.oidc.clients.register({ name: 'Một cửa B', grants: ['client_credentials'], scopes: ['api:sync'] });
    const { webhookSecret } = await sync.integrations.add({ clientId: client.clientId, agencyCodes: [agencyB], webhookUrl: endpoint.url });

    const person = await citizen(portal.app);
    await portal.app.modules.dossiers.drafts.submit(person.actor, (await readyDraft(portal.app, person, agencyB)).id);
    const [dead] = await until(async () => {
      const rows = await deliveriesOf(client.clientId);
      return rows[0]?.status === 'dead' && rows;
    }, 'the dead letter');
    expect(dead).toMatchObject({ attempts: 3, last_status: 500, last_error: 'HTTP 500: database down', next_attempt_at: null });
    expect(endpoint.received).toHaveLength(3);
    // Backoff: 100 ms after the first failure, 200 ms after the second (the policy given above).
    const [first, second, third] = endpoint.received.map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(90);
    expect(third! - second!).toBeGreaterThanOrEqual(190);
    // Every attempt carries the same body; each is signed anew.
    expect(new Set(endpoint.received.map((r) => r.body)).size).toBe(1);

    // The agency fixes its endpoint, lists its dead deliveries and replays the one that died.
    endpoint.state.failures = 0;
    const discovery = (await (await fetch(`${portal.app.oidc.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
    const tokens = (await (
      await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api:sync' }),
      })
    ).json()) as { access_token: string };
    const auth = { authorization: `Bearer ${tokens.access_token}` };
    const list = (await (await fetch(`${portal.base}/api/v1/sync/webhook-deliveries?status=dead`, { headers: auth })).json()) as { items: Array<{ id: string; lastError: string }> };
    expect(list.items).toEqual([expect.objectContaining({ id: dead!.id, lastError: 'HTTP 500: database down' })]);
    const strangers = await fetch(`${portal.base}/api/v1/sync/webhook-deliveries/${(await deliveriesOf('mc-webhook-a'))[0]!.id}/replay`, { method: 'POST', headers: auth });
    expect(strangers.status).toBe(404);
    const replay = await fetch(`${portal.base}/api/v1/sync/webhook-deliveries/${dead!.id}/replay`, { method: 'POST', headers: auth });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ delivery: { id: dead!.id, status: 'pending', attempts: 0, replays: 1 } });

    const [delivered] = await until(async () => {
      const rows = await deliveriesOf(client.clientId);
      return rows[0]?.status === 'delivered' && rows;
    }, 'the replayed delivery');
    expect(delivered).toMatchObject({ attempts: 1, replays: 1, last_status: 204, last_error: null });
    const last = endpoint.received.at(-1)!;
    expect(verifyWebhook(webhookSecret!, { signature: last.headers['x-opendvc-signature'] as string, timestamp: last.headers['x-opendvc-timestamp'] as string }, last.body, Math.floor(Date.now() / 1000))).toBe(true);

    // The operator's bulk replay of dead letters finds none left.
    expect(await sync.webhooks.replayDead(client.clientId)).toEqual([]);
  });
});
