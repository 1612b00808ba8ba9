import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, official, PROCEDURE, readyDraft, twoAgencies } from '../../../../../test/support/dossier-fixtures.ts';
import { startTestPortal } from '../../../../../test/support/portal.ts';
import { createIntegrationService } from '../integration.service.ts';

// An agency one-stop system syncs dossiers over HTTP with a real client_credentials token from the
// test portal's own token endpoint, against a real PostgreSQL.
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let agencyA: string;
let agencyB: string;
let token: string;
let clientId: string;

async function tokenFor(id: string, secret: string, scope: string): Promise<string> {
  const discovery = (await (await fetch(`${portal.app.oidc.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function agencySystem(name: string, agencies: string[] | null, scope = 'api:sync') {
  const client = await portal.app.oidc.clients.register({ name, grants: ['client_credentials'], scopes: [scope] });
  if (agencies) await portal.app.modules.dossiers.sync.integrations.add({ clientId: client.clientId, name, agencyCodes: agencies });
  return { clientId: client.clientId, token: await tokenFor(client.clientId, client.clientSecret, scope) };
}

const post = (body: unknown, bearer: string | null = token) =>
  fetch(`${portal.base}/api/v1/sync/dossier-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  portal = await startTestPortal();
  [agencyA, agencyB] = await twoAgencies(portal.app);
  ({ clientId, token } = await agencySystem('Một cửa điện tử xã Thử nghiệm', [agencyA]));
});
afterAll(async () => portal?.close());

const dossierRow = (code: string) => portal.database.db.selectFrom('dossier').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const eventCount = async () => Number((await portal.database.db.selectFrom('dossier_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/v1/sync/dossier-events', () => {
  it('applies good items in time order and answers every item: duplicate, unknown, other agency, invalid status, out of order, stale', async () => {
    const { dossiers } = portal.app.modules;
    // A dossier a citizen submitted on the portal, processed in the agency's own one-stop system.
    const person = await citizen(portal.app);
    const draft = await readyDraft(portal.app, person, agencyA);
    const native = await dossiers.drafts.submit(person.actor, draft.id);
    // Another agency's dossier, synced by that agency's system.
    const other = await dossiers.sync.ingest.ingest({ clientId: 'mc-other', name: 'Một cửa khác', agencyCodes: [agencyB] }, [
      { eventId: 'o-1', kind: 'dossier.created', externalId: 'B-1', procedureCode: PROCEDURE, agencyCode: agencyB, channel: 1, applicant: { name: 'Lê Văn Bình' }, receivedAt: '2026-11-23T08:00:00+07:00' },
    ]);
    const otherCode = other.results[0]!.dossierCode!;

    const batch = {
      events: [
        { eventId: 'e-05', kind: 'dossier.status_changed', externalId: 'HS-0001', status: 9, occurredAt: '2026-11-25T10:00:00+07:00', result: 'Quyết định xóa đăng ký thường trú' },
        { eventId: 'e-01', kind: 'dossier.created', externalId: 'HS-0001', procedureCode: `${PROCEDURE}.000.00.00.H01`, agencyCode: agencyA, channel: 2,
          applicant: { name: 'Phạm Thị Mai', idNumber: '001190012345', phone: '0987654321', subjectType: 1 }, status: 2, receivedAt: '20261123093000' },
        { eventId: 'e-02', kind: 'dossier.status_changed', externalId: 'HS-0001', status: 4, occurredAt: '2026-11-23T14:00:00+07:00', sequence: 1, note: 'Chuyển bộ phận chuyên môn' },
        { eventId: 'e-02', kind: 'dossier.status_changed', externalId: 'HS-0001', status: 8, occurredAt: '2026-11-23T15:00:00+07:00' },
        { eventId: 'e-03', kind: 'dossier.status_changed', code: native.code, status: 2, occurredAt: '2026-11-23T10:00:00+07:00' },
        { eventId: 'e-04', kind: 'dossier.status_changed', code: native.code, status: 4, occurredAt: '2026-11-23T11:00:00+07:00', dueAt: '2026-12-01T17:00:00+07:00' },
        { eventId: 'e-06', kind: 'dossier.status_changed', code: `${agencyA}-261123-9999`, status: 4, occurredAt: '2026-11-23T11:00:00+07:00' },
        { eventId: 'e-07', kind: 'dossier.status_changed', code: otherCode, status: 4, occurredAt: '2026-11-23T11:00:00+07:00' },
        { eventId: 'e-08', kind: 'dossier.status_changed', code: native.code, status: 42, occurredAt: '2026-11-23T12:00:00+07:00' },
        { eventId: 'e-09', kind: 'dossier.status_changed', code: native.code, status: 2, occurredAt: '2026-11-23T10:30:00+07:00' },
        { eventId: 'e-10', kind: 'dossier.status_changed', status: 4, occurredAt: '2026-11-23T11:00:00+07:00' },
      ],
    };
    const response = await post(batch);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; duplicate: number; stale: number; rejected: number; results: Array<Record<string, unknown>> };
    const created = await portal.database.db.selectFrom('dossier').selectAll().where('sync_client_id', '=', clientId).where('external_id', '=', 'HS-0001').executeTakeFirstOrThrow();
    expect(body.results).toEqual([
      { eventId: 'e-05', outcome: 'accepted', dossierCode: created.code },
      { eventId: 'e-01', outcome: 'accepted', dossierCode: created.code },
      { eventId: 'e-02', outcome: 'accepted', dossierCode: created.code },
      { eventId: 'e-02', outcome: 'duplicate' },
      { eventId: 'e-03', outcome: 'accepted', dossierCode: native.code },
      { eventId: 'e-04', outcome: 'accepted', dossierCode: native.code },
      { eventId: 'e-06', outcome: 'rejected', code: 'unknown_dossier', reason: expect.any(String) },
      { eventId: 'e-07', outcome: 'rejected', code: 'other_agency', reason: expect.stringContaining(agencyB) },
      { eventId: 'e-08', outcome: 'rejected', code: 'invalid_status', reason: expect.any(String) },
      { eventId: 'e-09', outcome: 'accepted', dossierCode: native.code },
      { eventId: 'e-10', outcome: 'rejected', code: 'invalid', reason: expect.stringContaining('code or externalId') },
    ]);
    expect(body).toMatchObject({ accepted: 6, duplicate: 1, stale: 0, rejected: 4 });

    // The synced dossier: a code generated like native ones, the final state after the events in time order.
    expect(created.code!.startsWith(`${agencyA}-261123-`)).toBe(true);
    expect(created).toMatchObject({ origin: 'sync', status: 'resolved', channel: 'online', procedure_code: PROCEDURE, applicant_id_number: '001190012345', seq: 3, result: { text: 'Quyết định xóa đăng ký thường trú', fileIds: [] } });
    expect(created.received_at?.toISOString()).toBe('2026-11-23T02:30:00.000Z');
    expect(created.due_at).not.toBeNull(); // computed from the procedure's online time limit and the calendar
    // An event older than the last one applied (11:00) comes in a later batch: recorded as stale, the status stays.
    const late = (await (await post({ events: [{ eventId: 'e-11', kind: 'dossier.status_changed', code: native.code, status: 2, occurredAt: '2026-11-23T10:45:00+07:00' }] })).json()) as typeof body;
    expect(late.results).toEqual([{ eventId: 'e-11', outcome: 'stale', dossierCode: native.code }]);
    const nativeRow = await dossierRow(native.code!);
    expect(nativeRow).toMatchObject({ status: 'processing', last_sync_sequence: 0 });
    expect(nativeRow.due_at?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect((await portal.database.db.selectFrom('dossier').select('status').where('code', '=', otherCode).executeTakeFirstOrThrow()).status).toBe('received');
    const stale = await portal.database.db.selectFrom('dossier_sync_event').select(['outcome', 'status_code']).where('client_id', '=', clientId).where('event_id', '=', 'e-11').executeTakeFirstOrThrow();
    expect(stale).toEqual({ outcome: 'stale', status_code: 2 });

    // Shown exactly like native dossiers: the public lookup and the officials' queue.
    const tracking = await dossiers.queries.lookup(created.code!, '001190012345');
    expect(tracking).toMatchObject({ status: 'resolved', statusCode: 9 });
    expect(tracking.events.map((e) => e.statusTo)).toEqual(['received', 'processing', 'resolved']);
    expect(tracking.events.map((e) => e.type)).toEqual(['synced', 'synced', 'synced']);
    const desk = await official(portal.app, agencyA, ['intake_officer']);
    const queue = await dossiers.queries.queue(desk.actor, { queue: 'all', limit: 50, offset: 0 });
    expect(queue.items.map((d) => d.code)).toEqual(expect.arrayContaining([created.code, native.code]));
    const timeline = await dossiers.queries.get(desk.actor, native.id);
    // e-09 (sent after e-04 but older) was applied in its place in time: between received and processing.
    expect(timeline.events.slice(-3).map((e) => [e.type, e.actorKind, e.actorName, e.statusTo])).toEqual([
      ['synced', 'agency_system', 'Một cửa điện tử xã Thử nghiệm', 'received'],
      ['synced', 'agency_system', 'Một cửa điện tử xã Thử nghiệm', null],
      ['synced', 'agency_system', 'Một cửa điện tử xã Thử nghiệm', 'processing'],
    ]);

    // The same batch again: every applied or stale item is a duplicate, rejected ones are rejected again, nothing changes.
    const before = { created: await dossierRow(created.code!), native: await dossierRow(native.code!), events: await eventCount() };
    const again = (await (await post(batch)).json()) as typeof body;
    expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'rejected', 'rejected', 'rejected', 'duplicate', 'rejected']);
    expect(await dossierRow(created.code!)).toEqual(before.created);
    expect(await dossierRow(native.code!)).toEqual(before.native);
    expect(await eventCount()).toBe(before.events);
  });

  it('creates a dossier under the code the agency sent, and refuses a second dossier with that code', async () => {
    const code = `${agencyA}-261124-0042`;
    const created = { kind: 'dossier.created', code, procedureCode: PROCEDURE, agencyCode: agencyA, channel: 3, applicant: { name: 'Công ty TNHH Ánh Dương', subjectType: 2 }, status: 1, receivedAt: '2026-11-24T08:00:00+07:00', dueAt: null };
    const first = (await (await post({ events: [{ ...created, eventId: 'k-1' }] })).json()) as { results: unknown[] };
    expect(first.results).toEqual([{ eventId: 'k-1', outcome: 'accepted', dossierCode: code }]);
    expect(await dossierRow(code)).toMatchObject({ status: 'submitted', channel: 'postal', due_at: null, received_at: null });
    const second = (await (await post({ events: [{ ...created, eventId: 'k-2' }] })).json()) as { results: unknown[] };
    expect(second.results).toEqual([{ eventId: 'k-2', outcome: 'rejected', code: 'dossier_exists', reason: expect.any(String) }]);
  });

  it('answers whole-request problems with problem+json: no token 401, wrong scope 403, no integration 403, bad body 400', async () => {
    const none = await post({ events: [] }, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await none.json()).toMatchObject({ code: 'IDENTITY_TOKEN_MISSING' });

    const catalogOnly = await agencySystem('Hệ thống tra cứu', null, 'api:catalog');
    const wrongScope = await post({ events: [] }, catalogOnly.token);
    expect(wrongScope.status).toBe(403);
    expect(await wrongScope.json()).toMatchObject({ code: 'IDENTITY_TOKEN_SCOPE' });

    const stranger = await agencySystem('Hệ thống chưa đăng ký', null);
    const notEnabled = await post({ events: [{ eventId: 'x' }] }, stranger.token);
    expect(notEnabled.status).toBe(403);
    expect(notEnabled.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await notEnabled.json()).toMatchObject({ code: 'DOSSIER_SYNC_NOT_ENABLED', title: expect.any(String) });

    for (const bad of ['{"events": [', JSON.stringify({ events: [] }), JSON.stringify({ events: 'x' }), JSON.stringify({ events: Array.from({ length: 1001 }, () => ({})) })]) {
      const response = await post(bad);
      expect(response.status, bad.slice(0, 40)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('applies a batch sent twice at the same time exactly once', async () => {
    const batch = {
      events: [
        { eventId: 'p-1', kind: 'dossier.created', externalId: 'P-1', procedureCode: PROCEDURE, agencyCode: agencyA, channel: 2, applicant: { name: 'Vũ Thị Lan' }, receivedAt: '2026-11-26T08:00:00+07:00' },
        { eventId: 'p-2', kind: 'dossier.status_changed', externalId: 'P-1', status: 4, occurredAt: '2026-11-26T09:00:00+07:00' },
        { eventId: 'p-3', kind: 'dossier.status_changed', externalId: 'P-1', status: 9, occurredAt: '2026-11-26T10:00:00+07:00' },
      ],
    };
    const answers = (await Promise.all([post(batch), post(batch), post(batch)].map(async (r) => ((await (await r).json()) as { results: Array<{ outcome: string }> }).results)));
    for (let i = 0; i < 3; i++) expect(answers.map((a) => a[i]!.outcome).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    const dossier = await portal.database.db.selectFrom('dossier').selectAll().where('sync_client_id', '=', clientId).where('external_id', '=', 'P-1').execute();
    expect(dossier).toHaveLength(1);
    expect(dossier[0]).toMatchObject({ status: 'resolved', seq: 3 });
  });

  it('keeps the good items when the database refuses one the checks could not foresee', async () => {
    // A rule the planner knows nothing about (as a later constraint might be), on this test database only.
    await portal.database.pool.query(`
      CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.data->>'note' = 'boom' THEN RAISE EXCEPTION 'boom refused' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_boom BEFORE INSERT ON dossier_event FOR EACH ROW EXECUTE FUNCTION refuse_boom();`);
    try {
      const create = (id: string) => ({ eventId: `f-${id}`, kind: 'dossier.created', externalId: `F-${id}`, procedureCode: PROCEDURE, agencyCode: agencyA, channel: 2, applicant: { name: 'Đỗ Văn Cường' }, receivedAt: '2026-11-25T08:00:00+07:00' });
      const result = (await (
        await post({
          events: [
            create('1'),
            create('2'),
            { eventId: 'f-3', kind: 'dossier.status_changed', externalId: 'F-1', status: 4, occurredAt: '2026-11-25T09:00:00+07:00', note: 'boom' },
            { eventId: 'f-4', kind: 'dossier.status_changed', externalId: 'F-2', status: 4, occurredAt: '2026-11-25T09:00:00+07:00', note: 'ok' },
          ],
        })
      ).json()) as { results: Array<{ eventId: string; outcome: string; code?: string; reason?: string }> };
      expect(result.results.map((r) => [r.eventId, r.outcome, r.code])).toEqual([
        ['f-1', 'accepted', undefined],
        ['f-2', 'accepted', undefined],
        ['f-3', 'rejected', 'invalid'],
        ['f-4', 'accepted', undefined],
      ]);
      expect(result.results[2]!.reason).toMatch(/could not be applied: .*boom refused/);
      const states = await portal.database.db.selectFrom('dossier').select(['external_id', 'status']).where('sync_client_id', '=', clientId).where('external_id', 'in', ['F-1', 'F-2']).orderBy('external_id').execute();
      expect(states).toEqual([{ external_id: 'F-1', status: 'received' }, { external_id: 'F-2', status: 'processing' }]);
    } finally {
      await portal.database.pool.query('DROP TRIGGER refuse_boom ON dossier_event; DROP FUNCTION refuse_boom();');
    }
  });

  it('lets only a registered client_credentials client with api:sync sync, for agencies that exist', async () => {
    const integrations = createIntegrationService({ db: portal.database.db, box: null, now: () => new Date(), clients: portal.app.oidc.clients, agencyExists: async (code) => code === agencyA });
    const refused = (p: Promise<unknown>) => p.then(() => 'added', (e: { detail?: string }) => e.detail ?? String(e));
    const relyingParty = await portal.app.oidc.clients.register({ name: 'Cổng tỉnh', redirectUris: ['https://dvc.example.gov.vn/cb'] });
    expect(await refused(integrations.add({ clientId: relyingParty.clientId, agencyCodes: [agencyA] }))).toMatch(/client_credentials grant and the api:sync scope/);
    expect(await refused(integrations.add({ clientId: 'dvc-none', agencyCodes: [agencyA] }))).toMatch(/no OIDC client/);
    const system = await portal.app.oidc.clients.register({ name: 'Một cửa', grants: ['client_credentials'], scopes: ['api:sync'] });
    expect(await refused(integrations.add({ clientId: system.clientId, agencyCodes: [agencyB] }))).toMatch(/no agency/);
    expect(await refused(integrations.add({ clientId: system.clientId, agencyCodes: [agencyA], webhookUrl: 'https://mc.example.vn/hook' }))).toMatch(/application secret/);
    const { integration } = await integrations.add({ clientId: system.clientId, agencyCodes: [agencyA] });
    expect(integration).toMatchObject({ name: 'Một cửa', agencyCodes: [agencyA], webhookUrl: null, enabled: true });
    await integrations.setEnabled(system.clientId, false);
    expect(await integrations.clientOf(system.clientId)).toBeNull();
  });

  it('is documented in the OpenAPI description with the bearer scheme', async () => {
    const spec = (await (await fetch(`${portal.base}/docs/json`)).json()) as { paths: Record<string, Record<string, { tags: string[]; security: unknown[]; requestBody?: unknown }>> };
    const operation = spec.paths['/api/v1/sync/dossier-events']!.post!;
    expect(operation.tags).toEqual(['sync']);
    expect(operation.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(operation.requestBody)).toContain('dossier.status_changed');
    expect(spec.paths['/api/v1/sync/webhook-deliveries/{id}/replay']!.post!.tags).toEqual(['sync']);
  });
});
