import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, official, PDF_BYTES, PROCEDURE, readyDraft, twoAgencies } from '../../../../test/support/dossier-fixtures.ts';
import { HttpBrowser, hiddenField } from '../../../../test/support/http-browser.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';

// A mobile app (a native, public client: no secret, PKCE, a custom-scheme redirect) logs people in
// through OpenDVC's real login page with openid-client, gets access tokens for the API resource, and
// drives a dossier from draft to withdrawal. openid-client, not our code, plays the app.
const APP_REDIRECT = 'vn.gov.dichvucong.app:/oauth2redirect';
const API_RESOURCE = 'urn:opendvc:api';

let portal: Awaited<ReturnType<typeof startTestPortal>>;
let appConfig: client.Configuration;
let agency: string;
let person: Awaited<ReturnType<typeof citizen>>;
let tokenA: string;
let tokenB: string;
let dossierId: string;

/** Registers the app. The client registry makes confidential web clients only, so the stored metadata is made a native public client here. */
async function registerNativeApp(): Promise<string> {
  const { clientId } = await portal.app.oidc.clients.register({ name: 'Ứng dụng Dịch vụ công (thử nghiệm)', redirectUris: [`${portal.base}/unused`], scopes: ['openid'], firstParty: true });
  await portal.database.pool.query(
    `UPDATE identity_oidc_client SET metadata = metadata || $2::jsonb WHERE client_id = $1`,
    [clientId, JSON.stringify({ application_type: 'native', token_endpoint_auth_method: 'none', redirect_uris: [APP_REDIRECT], scope: 'openid offline_access api:dossiers', grant_types: ['authorization_code', 'refresh_token'] })],
  );
  return clientId;
}

/** The app's sign-in: authorization code + PKCE through OpenDVC's login page, for the API resource. */
async function signIn(email: string, password: string): Promise<client.TokenEndpointResponse> {
  const browser = new HttpBrowser();
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(appConfig, {
    redirect_uri: APP_REDIRECT,
    scope: 'openid api:dossiers',
    resource: API_RESOURCE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const toApp = (next: string) => next.startsWith('vn.gov.dichvucong.app:');
  const login = await browser.go(url.href, {}, toApp);
  expect(login.url.startsWith(`${portal.base}/dang-nhap?next=`)).toBe(true);
  const back = await browser.go(`${portal.base}/dang-nhap`, { form: { identifier: email, password, _csrf: hiddenField(login.html, '_csrf') } }, toApp);
  expect(back.url.startsWith(APP_REDIRECT)).toBe(true);
  return client.authorizationCodeGrant(appConfig, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state });
}

const api = (path: string, init: { method?: string; token?: string | null; body?: unknown; form?: FormData; headers?: Record<string, string> } = {}) =>
  fetch(`${portal.base}${path}`, {
    method: init.method ?? (init.body !== undefined || init.form ? 'POST' : 'GET'),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });

beforeAll(async () => {
  portal = await startTestPortal();
  [agency] = await twoAgencies(portal.app);
  person = await citizen(portal.app, 'Phạm Thị Mai');
  const other = await citizen(portal.app, 'Lê Văn Khác');
  const clientId = await registerNativeApp();
  appConfig = await client.discovery(new URL(portal.app.oidc.issuer), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
  tokenA = (await signIn(person.account.email!, person.password)).access_token;
  tokenB = (await signIn(other.account.email!, other.password)).access_token;
}, 60_000);

afterAll(async () => {
  await portal?.close();
});

describe('the dossier API with a person’s token', () => {
  it('gets a JWT for the API resource that names the person', async () => {
    const [, payload] = tokenA.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: API_RESOURCE, sub: person.account.id, scope: 'api:dossiers' });
    const me = await api('/api/v1/clients/me', { token: tokenA });
    expect(await me.json()).toMatchObject({ scopes: ['api:dossiers'] });
  });

  it('refuses calls without a token (401) and an agency system’s own token (403)', async () => {
    const none = await api('/api/v1/dossiers');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(await none.json()).toMatchObject({ code: 'IDENTITY_TOKEN_MISSING' });

    const system = await portal.app.oidc.clients.register({ name: 'Hệ thống một cửa', grants: ['client_credentials'], scopes: ['api:sync'] });
    const config = await client.discovery(new URL(portal.app.oidc.issuer), system.clientId, undefined, client.ClientSecretBasic(system.clientSecret), { execute: [client.allowInsecureRequests] });
    const systemToken = (await client.clientCredentialsGrant(config, { scope: 'api:sync' })).access_token;
    const refused = await api('/api/v1/dossiers', { token: systemToken });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'IDENTITY_TOKEN_SCOPE' });
  });

  it('creates a draft prefilled from the profile', async () => {
    const res = await api('/api/v1/dossiers', { token: tokenA, body: { procedureCode: PROCEDURE, agencyCode: agency } });
    expect(res.status).toBe(201);
    const view = (await res.json()) as Record<string, any>;
    dossierId = view.id;
    expect(res.headers.get('location')).toBe(`/api/v1/dossiers/${dossierId}`);
    expect(view).toMatchObject({ status: 'draft', statusCode: null, code: null, procedureCode: PROCEDURE, agencyCode: agency, onBehalf: false, allowedActions: ['submit'] });
    expect(view.answers.applicant_full_name).toBe('Phạm Thị Mai');
    expect(view).not.toHaveProperty('holderAccountId');

    const mine = (await (await api('/api/v1/dossiers', { token: tokenA })).json()) as { items: Array<{ id: string }> };
    expect(mine.items.map((i) => i.id)).toEqual([dossierId]);
  });

  it('refuses bad answers with 422 listing every field, and saves nothing of them', async () => {
    const res = await api(`/api/v1/dossiers/${dossierId}`, { method: 'PATCH', token: tokenA, body: { answers: { applicant_date_of_birth: '2099-01-01', applicant_phone: '12', nickname: 'x' } } });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: Array<{ path: string; code: string; message: string }> };
    expect(problem.code).toBe('DOSSIER_INVALID');
    expect(problem.errors.map((e) => [e.path, e.code]).sort()).toEqual([
      ['applicant_date_of_birth', 'date_in_future'],
      ['applicant_phone', 'invalid_phone'],
      ['nickname', 'unknown_field'],
    ]);
    expect(problem.errors.every((e) => e.message.length > 0)).toBe(true);
    const view = (await (await api(`/api/v1/dossiers/${dossierId}`, { token: tokenA })).json()) as { answers: Record<string, unknown> };
    expect(view.answers.applicant_phone).toBeUndefined();
  });

  it('saves good answers, lists the missing documents at submission, takes uploads', async () => {
    const province = (await portal.app.modules.agencies.service.listProvinces())[0]!;
    const commune = (await portal.app.modules.agencies.service.listCommunes(province.code))[0]!;
    const saved = await api(`/api/v1/dossiers/${dossierId}`, {
      method: 'PATCH',
      token: tokenA,
      body: {
        answers: {
          applicant_date_of_birth: '1990-05-17',
          applicant_phone: '0912345678',
          applicant_permanent_address: { provinceCode: province.code, communeCode: commune.code, street: 'Số 5 phố Tràng Tiền' },
          request_summary: 'Xin xóa đăng ký thường trú tại địa chỉ cũ.',
        },
      },
    });
    expect(saved.status).toBe(200);

    const early = await api(`/api/v1/dossiers/${dossierId}/submit`, { method: 'POST', token: tokenA });
    expect(early.status).toBe(422);
    const missing = (await early.json()) as { errors: Array<{ path: string; code: string }> };
    expect(missing.errors.length).toBe(2);
    expect(missing.errors.every((e) => e.code === 'document_missing' && e.path.startsWith('documents.'))).toBe(true);

    for (const e of missing.errors) {
      const form = new FormData();
      form.set('requirementKey', e.path.slice('documents.'.length));
      form.set('file', new Blob([PDF_BYTES], { type: 'application/pdf' }), 'giay-to.pdf');
      const up = await api(`/api/v1/dossiers/${dossierId}/files`, { token: tokenA, form });
      expect(up.status).toBe(201);
      expect(await up.json()).toMatchObject({ attached: true, file: { requirementKey: form.get('requirementKey'), mediaType: 'application/pdf', name: 'giay-to.pdf' } });
    }
    const notPdf = new FormData();
    notPdf.set('requirementKey', missing.errors[0]!.path.slice('documents.'.length));
    notPdf.set('file', new Blob(['<html>not a pdf</html>'], { type: 'application/pdf' }), 'fake.pdf');
    const refused = await api(`/api/v1/dossiers/${dossierId}/files`, { token: tokenA, form: notPdf });
    expect(refused.status).toBe(415);
    expect(await refused.json()).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED' });
  });

  it('submits once however often the app retries with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const [first, second] = await Promise.all([
      api(`/api/v1/dossiers/${dossierId}/submit`, { method: 'POST', token: tokenA, headers: { 'idempotency-key': key } }),
      api(`/api/v1/dossiers/${dossierId}/submit`, { method: 'POST', token: tokenA, headers: { 'idempotency-key': key } }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as [{ code: string; status: string }, { code: string; status: string }];
    expect(a.code).toMatch(/^[A-Z0-9.]+-\d{6}-\d{4,5}$/);
    expect(b.code).toBe(a.code);
    expect(a.status).toBe('submitted');
    const { rows } = await portal.database.pool.query(`SELECT type FROM dossier_event WHERE dossier_id = $1`, [dossierId]);
    expect(rows).toEqual([{ type: 'submitted' }]);
    const count = await portal.database.pool.query(`SELECT count(*)::int AS n FROM dossier WHERE owner_account_id = $1`, [person.account.id]);
    expect(count.rows[0].n).toBe(1);
  });

  it('shows the dossier with its timeline and the receipt as PDF', async () => {
    const view = (await (await api(`/api/v1/dossiers/${dossierId}`, { token: tokenA })).json()) as Record<string, any>;
    expect(view).toMatchObject({ status: 'submitted', statusCode: 1, allowedActions: ['withdraw'] });
    expect(view.events.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    expect(view.files).toHaveLength(2);
    const pdf = await api(`/api/v1/dossiers/${dossierId}/receipt.pdf`, { token: tokenA });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers another person 404 for the same dossier, whatever they try', async () => {
    for (const [path, init] of [
      [`/api/v1/dossiers/${dossierId}`, {}],
      [`/api/v1/dossiers/${dossierId}`, { method: 'PATCH', body: { answers: { request_summary: 'x' } } }],
      [`/api/v1/dossiers/${dossierId}/receipt.pdf`, {}],
      [`/api/v1/dossiers/${dossierId}/actions/withdraw`, { body: {} }],
    ] as const) {
      const res = await api(path, { ...init, token: tokenB });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
    }
    expect(((await (await api('/api/v1/dossiers', { token: tokenB })).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('withdraws once with an Idempotency-Key; the public lookup shows it', async () => {
    const key = randomUUID();
    const first = await api(`/api/v1/dossiers/${dossierId}/actions/withdraw`, { token: tokenA, body: { reason: 'Tôi nộp nhầm thủ tục' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(200);
    const again = await api(`/api/v1/dossiers/${dossierId}/actions/withdraw`, { token: tokenA, body: { reason: 'Tôi nộp nhầm thủ tục' }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(200);
    const view = (await again.json()) as { status: string; statusCode: number; code: string; events: Array<{ type: string }> };
    expect(view).toMatchObject({ status: 'withdrawn', statusCode: 7 });
    expect(view.events.map((e) => e.type)).toEqual(['submitted', 'withdrawn']);
    const late = await api(`/api/v1/dossiers/${dossierId}/actions/withdraw`, { token: tokenA, body: {} });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'DOSSIER_ACTION_NOT_ALLOWED' });

    const found = await api(`/api/v1/dossier-lookup?code=${encodeURIComponent(view.code)}&idNumber=${person.account.idNumber}`);
    expect(found.status).toBe(200);
    const tracking = (await found.json()) as Record<string, unknown>;
    expect(tracking).toMatchObject({ code: view.code, status: 'withdrawn', statusCode: 7 });
    expect(tracking).not.toHaveProperty('answers');
  });
});

describe('answering a supplement request and rating the result', () => {
  it('uploads for provide_supplement, resumes the dossier, and rates it once it is returned', async () => {
    const { drafts, actions } = portal.app.modules.dossiers;
    const draft = await readyDraft(portal.app, person, agency);
    await drafts.submit(person.actor, draft.id);
    const desk = await official(portal.app, agency, ['intake_officer', 'processing_officer', 'approver', 'agency_admin']);
    await actions.act(desk.actor, draft.id, 'accept', {});
    await actions.act(desk.actor, draft.id, 'request_supplement', { items: [{ name: 'Tờ khai CT01', reason: 'Thiếu chữ ký' }] });

    const form = new FormData();
    form.set('requirementKey', 'supplement');
    form.set('file', new Blob([PDF_BYTES], { type: 'application/pdf' }), 'to-khai-co-chu-ky.pdf');
    const up = await api(`/api/v1/dossiers/${draft.id}/files`, { token: tokenA, form });
    expect(up.status).toBe(201);
    const uploaded = (await up.json()) as { attached: boolean; file: { fileId: string; id: string | null } };
    expect(uploaded).toMatchObject({ attached: false, file: { id: null } });

    const key = randomUUID();
    const body = { files: [{ requirementKey: 'supplement', fileId: uploaded.file.fileId }], note: 'Đã ký bổ sung' };
    for (let i = 0; i < 2; i++) {
      const res = await api(`/api/v1/dossiers/${draft.id}/actions/provide_supplement`, { token: tokenA, body, headers: { 'idempotency-key': key } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'received' });
    }
    const { rows } = await portal.database.pool.query(`SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1 AND type = 'supplement_provided'`, [draft.id]);
    expect(rows[0].n).toBe(1);

    const early = await api(`/api/v1/dossiers/${draft.id}/rating`, { token: tokenA, body: { deskContacts: 'one', agenciesContacted: 'desk_only', staffConduct: 'good', easeOfUse: 'satisfied', overall: 'satisfied' } });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: 'DOSSIER_ACTION_NOT_ALLOWED', dossierStatus: 'received' });

    await actions.act(desk.actor, draft.id, 'forward', {});
    await actions.act(desk.actor, draft.id, 'approve', { resultText: 'Đã xóa đăng ký thường trú' });
    await actions.act(desk.actor, draft.id, 'return_result', { mode: 'electronic' });
    const rating = { deskContacts: 'one', agenciesContacted: 'desk_only', staffConduct: 'good', easeOfUse: 'satisfied', overall: 'very_satisfied', comment: 'Nhanh, gọn' };
    const rated = await api(`/api/v1/dossiers/${draft.id}/rating`, { token: tokenA, body: rating });
    expect(rated.status).toBe(201);
    expect(await rated.json()).toMatchObject({ scores: { index3: 1, index4: 1, index11: 'very_satisfied' } });
    const twice = await api(`/api/v1/dossiers/${draft.id}/rating`, { token: tokenA, body: rating });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: 'DOSSIER_ALREADY_RATED' });
  });
});

describe('the OpenAPI description', () => {
  it('documents every dossier route under the dossiers tag, with bearer security', async () => {
    const doc = (await (await fetch(`${portal.base}/docs/json`)).json()) as { paths: Record<string, Record<string, { tags?: string[]; security?: unknown }>> };
    const routes = [
      ['/api/v1/dossiers', 'post'],
      ['/api/v1/dossiers', 'get'],
      ['/api/v1/dossiers/{id}', 'get'],
      ['/api/v1/dossiers/{id}', 'patch'],
      ['/api/v1/dossiers/{id}/files', 'post'],
      ['/api/v1/dossiers/{id}/files/{fileId}', 'delete'],
      ['/api/v1/dossiers/{id}/submit', 'post'],
      ['/api/v1/dossiers/{id}/actions/{action}', 'post'],
      ['/api/v1/dossiers/{id}/rating', 'post'],
      ['/api/v1/dossiers/{id}/receipt.pdf', 'get'],
      ['/api/v1/dossier-lookup', 'get'],
    ] as const;
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(['dossiers']);
      if (path !== '/api/v1/dossier-lookup') expect(op?.security, path).toEqual([{ bearer: [] }]);
    }
  });
});

describe('the public lookup', () => {
  it('answers every mismatch the same 404, then 429 for an address that keeps guessing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await api(`/api/v1/dossier-lookup?code=${agency}-261122-${String(9000 + i)}&idNumber=001090099999`);
      statuses.push(res.status);
      if (res.status === 404) expect(await res.json()).toMatchObject({ code: 'DOSSIER_LOOKUP_FAILED' });
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 9).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const bad = await api('/api/v1/dossier-lookup?code=nonsense&idNumber=1');
    expect(bad.status).toBe(400);
  });
});
