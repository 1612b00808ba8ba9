import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../../test/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/db.ts';
import { createModules, type Modules } from '../../../../app.ts';
import { loadEnv, ROOT_DIR } from '../../../../config/env.ts';
import { PLATFORM_ERRORS } from '../../../../platform/errors/app-error.ts';
import { createHttpServer, type HttpServer } from '../../../../platform/http/server.ts';
import { createTranslator, mergeMessages } from '../../../../platform/i18n/i18n.ts';
import { platformMessages } from '../../../../platform/i18n/messages.ts';
import { createViews } from '../../../../platform/views/views.ts';
import { actorOf, IDENTITY_ERRORS, identityMessages, type Actor } from '../../../identity/index.ts';
import { logInNewOfficial, TestBrowser, type Page } from '../../../identity/web/browser.test-support.ts';
import { SERVICE_CONFIG_ERRORS } from '../../service-config/service-config.errors.ts';
import { registerServiceConfigRoutes } from '../../service-config/service-config.routes.ts';
import { createServiceConfigService } from '../../service-config/service-config.service.ts';
import type { ServiceDefinition } from '../../service-config/service-config.types.ts';
import { serviceConfigMessages } from './service-config.messages.ts';

// The API and the admin pages on an HTTP server built like app.ts's (identity's session hooks and
// login pages included, so officials sign in for real), over a fresh copy of the seeded database.
let database: TestDatabase;
let modules: Modules;
let http: HttpServer;
let t: TestApp;
let agencyA: string;
let agencyB: string;
let ipCounter = 30;
const PASSPORT = '1.001471';
const PASSWORD = 'quan tri dich vu cong 2026';
const origin = { ip: '127.0.0.1', userAgent: 'test' };
/** Bearer tokens the fake verifier knows: the lead maps real access tokens to actors. */
const bearers = new Map<string, Actor>();

beforeAll(async () => {
  database = await createTestDatabase();
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url });
  const logger = pino({ level: 'silent' });
  modules = await createModules(database.db, logger, env);
  const translate = createTranslator({
    vi: mergeMessages(platformMessages.vi, identityMessages.vi, serviceConfigMessages.vi),
    en: mergeMessages(platformMessages.en, identityMessages.en, serviceConfigMessages.en),
  });
  http = await createHttpServer({
    logger,
    errors: { ...PLATFORM_ERRORS, ...IDENTITY_ERRORS, ...SERVICE_CONFIG_ERRORS },
    translate,
    views: createViews({ rootDir: ROOT_DIR, translate }),
    trustProxy: false,
    secureCookies: false,
    version: 'test',
    isReady: async () => true,
  });
  modules.identity.registerRoutes(http);
  const kit = modules.identity.web;
  registerServiceConfigRoutes(http, {
    service: createServiceConfigService({
      db: database.db,
      catalog: modules.catalog.service,
      agencyExists: (code) => modules.agencies.service.findAgency(code).then(() => true, () => false),
      now: () => new Date(),
    }),
    signedInActor: (request: FastifyRequest) => (request.identity?.session.stage === 'active' ? actorOf(request.identity.account) : null),
    bearerActor: async (request: FastifyRequest) => bearers.get((request.headers.authorization ?? '').replace(/^Bearer /, '')) ?? null,
    csrfToken: (request, reply) => kit.csrfToken(request, reply),
    checkCsrf: (request) => kit.checkCsrf(request),
  });
  await http.ready();
  t = { app: { http } } as unknown as TestApp;
  const { rows } = await database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 2');
  [agencyA, agencyB] = [rows[0]!.code, rows[1]!.code];
  bearers.set('admin-a', { kind: 'official', accountId: crypto.randomUUID(), grants: [{ agencyCode: agencyA, role: 'agency_admin' }] });
  bearers.set('officer-a', { kind: 'official', accountId: crypto.randomUUID(), grants: [{ agencyCode: agencyA, role: 'processing_officer' }] });
}, 120_000);
afterAll(async () => {
  await http?.close();
  await database?.drop();
});

/** An official logged in through the password page and TOTP set-up. */
async function officialBrowser(email: string, agency: string, role: 'agency_admin' | 'intake_officer'): Promise<TestBrowser> {
  await modules.identity.accounts.addAccount({ type: 'official', email, password: PASSWORD, agency, roles: [role] }, { origin });
  return logInNewOfficial(new TestBrowser(t, `192.0.2.${ipCounter++}`), email, PASSWORD);
}

/** Posts a form with repeated fields (checkboxes) the way a browser does, with the page's CSRF token. */
async function postForm(browser: TestBrowser, url: string, fields: Record<string, string | string[]>, from: Page): Promise<Page> {
  const params = new URLSearchParams({ _csrf: from.csrf });
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  const res = await http.inject({
    method: 'POST',
    url,
    payload: params.toString(),
    headers: { cookie: browser.cookieHeader(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined, csrf: from.csrf };
}

const api = (method: 'GET' | 'PUT', url: string, options: { body?: unknown; bearer?: string; headers?: Record<string, string> } = {}) =>
  http.inject({
    method,
    url,
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
      ...options.headers,
    },
  });

const rowCount = async (procedureCode: string, agencyCode: string) =>
  (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_service_config WHERE procedure_code = $1 AND agency_code = $2', [procedureCode, agencyCode])).rows[0]!.n;

describe('JSON API', () => {
  it('shows a never-used service to anyone without storing it', async () => {
    const res = await api('GET', `/api/v1/services/${PASSPORT}/${agencyB}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { id: string | null; version: number | null; definition: ServiceDefinition };
    expect(body).toMatchObject({ id: null, version: null, procedureCode: PASSPORT, agencyCode: agencyB, origin: 'generated', catalogVersion: 1 });
    expect(body.definition.fees[0]).toMatchObject({ channel: 'online', amountVnd: 200000, collect: 'upfront' });
    expect(await rowCount(PASSPORT, agencyB)).toBe(0);
    const missing = await api('GET', `/api/v1/services/9.999999/${agencyB}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.json()).toMatchObject({ code: 'DOSSIER_SERVICE_NOT_FOUND' });
    expect((await api('GET', `/api/v1/services/${PASSPORT}/NO.SUCH/versions`)).statusCode).toBe(404);
  });

  it('publishes for an agency admin only, lists every problem of a bad definition, and refuses a stale edit', async () => {
    const url = `/api/v1/services/${PASSPORT}/${agencyA}`;
    const generated = (await api('GET', url)).json() as { definition: ServiceDefinition };
    const edited = { ...generated.definition, supplementDays: 20 };
    expect((await api('PUT', url, { body: edited })).statusCode).toBe(401);
    expect((await api('PUT', url, { body: edited, bearer: 'officer-a' })).json()).toMatchObject({ status: 403, code: 'DOSSIER_SERVICE_FORBIDDEN' });
    expect((await api('PUT', `/api/v1/services/${PASSPORT}/${agencyB}`, { body: edited, bearer: 'admin-a' })).statusCode).toBe(403);

    const bad = await api('PUT', url, { body: { ...edited, steps: [], onlineLevel: 'maybe', extra: true }, bearer: 'admin-a' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = bad.json() as { code: string; errors: Array<{ path: string; code: string; messages: { en: string } }> };
    expect(problem.code).toBe('DOSSIER_SERVICE_INVALID');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['(root)', 'onlineLevel', 'steps']);

    const ok = await api('PUT', url, { body: edited, bearer: 'admin-a', headers: { 'if-match': '"1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ version: 2, origin: 'edited', definition: { supplementDays: 20 } });
    expect(ok.json()).not.toHaveProperty('createdBy');
    const stale = await api('PUT', url, { body: { ...edited, supplementDays: 25 }, bearer: 'admin-a', headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'DOSSIER_SERVICE_CONFLICT' });

    const current = await api('GET', url);
    expect(current.headers.etag).toBe('"2"');
    const versions = (await api('GET', `${url}/versions`)).json() as { items: Array<{ version: number; origin: string }> };
    expect(versions.items.map((v) => [v.version, v.origin])).toEqual([[2, 'edited'], [1, 'generated']]);
  });

  it('is documented in OpenAPI with tags, schemas and examples', async () => {
    const doc = (await api('GET', '/docs/json')).json() as { paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown>; requestBody?: unknown }>> };
    const path = doc.paths['/api/v1/services/{procedureCode}/{agencyCode}']!;
    expect(path.get!.tags).toEqual(['dossiers']);
    expect(Object.keys(path.put!.responses).sort()).toEqual(['200', '401', '403', '404', '409', '422']);
    expect(JSON.stringify(path.put!.requestBody)).toContain('applicant_full_name');
    expect(JSON.stringify(path.put!.responses['422'])).toContain('no_approver');
    expect(doc.paths['/api/v1/services/{procedureCode}/{agencyCode}/versions']).toBeDefined();
  });
});

describe('admin pages: who may enter', () => {
  it('sends visitors to the login page and refuses officials without service.configure for the agency', async () => {
    const visitor = await new TestBrowser(t).get('/quan-tri/dich-vu');
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe('/dang-nhap?next=%2Fquan-tri%2Fdich-vu');
    const officer = await officialBrowser('motcua.dv@example.vn', agencyA, 'intake_officer');
    expect((await officer.get('/quan-tri/dich-vu')).status).toBe(403);
    expect((await officer.get(`/quan-tri/dich-vu/${PASSPORT}/${agencyA}`)).status).toBe(403);
    const otherAdmin = await officialBrowser('quantri.b@example.vn', agencyB, 'agency_admin');
    const page = await otherAdmin.get(`/quan-tri/dich-vu/${PASSPORT}/${agencyA}/cai-dat`);
    expect(page.status).toBe(403);
    expect(page.body).toContain('Bạn không có quyền cấu hình dịch vụ của cơ quan này');
  });
});

describe('admin pages: an agency admin', () => {
  let admin: TestBrowser;
  const detail = () => `/quan-tri/dich-vu/${PASSPORT}/${agencyA}`;
  beforeAll(async () => {
    admin = await officialBrowser('quantri.a@example.vn', agencyA, 'agency_admin');
  });

  it('lists configured services and opens one by procedure code', async () => {
    const list = await admin.get('/quan-tri/dich-vu');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Cấp hộ chiếu phổ thông ở trong nước');
    const bad = await admin.get(`/quan-tri/dich-vu?code=1001&agency=${agencyB}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<title>Lỗi: ');
    expect(bad.body).toContain('href="#code"');
    expect(bad.body).toContain('href="#agency"');
    const open = await admin.get(`/quan-tri/dich-vu?code=1.001193&agency=${encodeURIComponent(agencyA)}`);
    expect(open.status).toBe(303);
    expect(open.location).toBe(`/quan-tri/dich-vu/1.001193/${encodeURIComponent(agencyA)}`);
  });

  it('shows the current version: steps with roles and budgets, fees, documents per case, form, history', async () => {
    const page = await admin.get(detail());
    expect(page.status).toBe(200);
    for (const text of ['Phiên bản 2', 'Cán bộ tiếp nhận', 'Người phê duyệt', '200.000 đồng', 'Thu khi nộp hồ sơ', 'Toàn trình', '20 ngày', 'applicant_full_name', 'Giấy tờ chung', 'Tổng 40 giờ làm việc']) {
      expect(page.body, text).toContain(text);
    }
    const english = await admin.get(`${detail()}?lang=en`);
    expect(english.body).toContain('Processing steps');
    expect(english.body).toContain('With the submission');
    await admin.get(`${detail()}?lang=vi`);
  });

  it('edits steps, fees, online level, supplement days and required documents, with errors shown and input kept', async () => {
    const form = await admin.get(`${detail()}/cai-dat`);
    expect(form.status).toBe(200);
    expect((await admin.post(`${detail()}/cai-dat`, { supplementDays: '10' }, null)).status).toBe(403);
    const fields = formFields(form.body);
    const invalid = await postForm(admin, `${detail()}/cai-dat`, { ...fields, 'steps[1][budgetHours]': 'abc', supplementDays: '0' }, form);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('<title>Lỗi: ');
    expect(invalid.body).toContain('href="#steps-1-budgetHours"');
    expect(invalid.body).toContain('href="#supplementDays"');
    expect(invalid.body).toContain('value="abc"');
    // Checks only the whole definition can make: no approver left, a fee paid upfront without an amount.
    const noApprover = await postForm(admin, `${detail()}/cai-dat`, { ...fields, 'steps[2][role]': 'processing_officer', 'fees[0][amountVnd]': '' }, form);
    expect(noApprover.status).toBe(400);
    expect(noApprover.body).toContain('Quy trình cần ít nhất một bước phê duyệt');
    expect(noApprover.body).toContain('href="#steps-0-role"');
    expect(noApprover.body).toContain('href="#fees-0-amountVnd"');

    const saved = await postForm(admin, `${detail()}/cai-dat`, { ...fields, 'steps[1][budgetHours]': '22,5', 'fees[0][amountVnd]': '250.000', supplementDays: '15', onlineLevel: 'partial', required: (fields.required as string[]).slice(1) }, form);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${detail()}?kq=da-luu`);
    const after = await admin.get(saved.location!);
    expect(after.body).toContain('Đã xuất bản phiên bản 3');
    expect(after.body).toContain('250.000 đồng');
    expect(after.body).toContain('15 ngày');
    const api3 = (await api('GET', `/api/v1/services/${PASSPORT}/${agencyA}`)).json() as { version: number; definition: ServiceDefinition };
    expect(api3.version).toBe(3);
    expect(api3.definition.steps[1]!.budgetHours).toBe(22.5);
    expect(api3.definition.onlineLevel).toBe('partial');
    // Only the documents left ticked stay required.
    const required = new Set((fields.required as string[]).slice(1));
    expect(required.size).toBeGreaterThan(3);
    expect(api3.definition.documents.filter((d) => d.required).map((d) => d.key).sort()).toEqual([...required].sort());

    // The form opened on version 2 is now stale.
    const stale = await postForm(admin, `${detail()}/cai-dat`, { ...fields }, form);
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('Đã có người xuất bản phiên bản mới hơn');
  });

  it('edits the whole definition as JSON, e.g. to add a conditional field and a repeatable group', async () => {
    const form = await admin.get(`${detail()}/dinh-nghia`);
    expect(form.status).toBe(200);
    const text = decodeTextarea(form.body);
    const definition = JSON.parse(text) as ServiceDefinition;
    expect(definition.supplementDays).toBe(15);
    const baseVersion = /name="baseVersion" value="(\d+)"/.exec(form.body)![1]!;

    const broken = await admin.post(`${detail()}/dinh-nghia`, { definition: '{ "form": [', baseVersion }, form);
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('Nội dung không phải JSON hợp lệ');
    expect(broken.body).toContain('{ &quot;form&quot;: [</textarea>');

    definition.form.push({ kind: 'text', key: 'note', label: { vi: 'Ghi chú', en: 'Note' }, required: false, showIf: { field: 'nothing', equals: 'x' } });
    const invalid = await admin.post(`${detail()}/dinh-nghia`, { definition: JSON.stringify(definition), baseVersion }, form);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('form[7].showIf.field: Điều kiện phải dựa vào một trường lựa chọn đứng trước');

    definition.form.pop();
    definition.form.push(
      { kind: 'choice', key: 'travel_with_child', label: { vi: 'Có trẻ em đi cùng', en: 'Travelling with a child' }, required: true, display: 'radios', options: [{ value: 'yes', label: { vi: 'Có', en: 'Yes' } }, { value: 'no', label: { vi: 'Không', en: 'No' } }] },
      { kind: 'group', key: 'children', label: { vi: 'Trẻ em đi cùng', en: 'Children' }, minItems: 1, maxItems: 3, showIf: { field: 'travel_with_child', equals: 'yes' }, fields: [{ kind: 'text', key: 'full_name', label: { vi: 'Họ và tên', en: 'Full name' }, required: true }] },
    );
    const saved = await admin.post(`${detail()}/dinh-nghia`, { definition: JSON.stringify(definition), baseVersion }, form);
    expect(saved.status).toBe(303);
    const after = await admin.get(saved.location!);
    expect(after.body).toContain('Đã xuất bản phiên bản 4');
    expect(after.body).toContain('children[].full_name');
    expect(after.body).toContain('travel_with_child = yes');
    // Saving it again unchanged publishes nothing.
    const again = await admin.get(`${detail()}/dinh-nghia`);
    const same = await admin.post(`${detail()}/dinh-nghia`, { definition: decodeTextarea(again.body), baseVersion: '4' }, again);
    expect(same.location).toBe(`${detail()}?kq=khong-doi`);
    expect(await rowCount(PASSPORT, agencyA)).toBe(4);
  });

  it('takes back the largest catalog definition through the JSON page (well over the usual 64 kB form limit)', async () => {
    const large = `/quan-tri/dich-vu/1.013229/${agencyA}/dinh-nghia`;
    const form = await admin.get(large);
    const text = decodeTextarea(form.body);
    expect(text.length).toBeGreaterThan(70_000);
    const same = await admin.post(large, { definition: text, baseVersion: '1' }, form);
    expect(same.status).toBe(303);
    expect(same.location).toBe(`/quan-tri/dich-vu/1.013229/${encodeURIComponent(agencyA)}?kq=khong-doi`);
  });
});

/** The values a browser would post from the settings form as rendered (selected options, checked boxes). */
function formFields(html: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const m of html.matchAll(/<input[^>]*>/g)) {
    const tag = m[0];
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    const value = decode(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    if (!name || name === '_csrf') continue;
    if (/type="(radio|checkbox)"/.test(tag) && !/\schecked/.test(tag)) continue;
    if (name === 'required') out.required = [...((out.required as string[] | undefined) ?? []), value];
    else out[name] = value;
  }
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    out[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? '';
  }
  return out;
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function decodeTextarea(html: string): string {
  return decode(/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!).replace(/^\n/, '');
}

