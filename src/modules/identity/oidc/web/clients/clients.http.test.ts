import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../../test/support/app.ts';
import { logInNewOfficial, TestBrowser, type Page } from '../../../web/browser.test-support.ts';

// The client registry pages, through the real login (officials pass TOTP) and the real registry.
let t: TestApp;
let agencyCode: string;
let ipCounter = 20;
const origin = { ip: '127.0.0.1', userAgent: 'test' };
const PASSWORD = 'quan tri he thong 2026';

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
  agencyCode = rows[0]!.code;
});
afterAll(async () => {
  await t?.close();
});

/** An official with `role`, logged in through the password page and TOTP set-up: an active session. */
async function officialBrowser(email: string, role: 'system_admin' | 'intake_officer'): Promise<TestBrowser> {
  await t.app.modules.identity.accounts.addAccount({ type: 'official', email, password: PASSWORD, agency: agencyCode, roles: [role] }, { origin });
  return logInNewOfficial(new TestBrowser(t, `192.0.2.${ipCounter++}`), email, PASSWORD);
}

async function audit(action: string, clientId: string) {
  const { rows } = await t.database.pool.query("SELECT actor_id, ip, user_agent FROM identity_audit WHERE action = $1 AND details->>'clientId' = $2", [action, clientId]);
  return rows;
}

const secretOf = (page: Page) => /id="client-secret">([^<]+)</.exec(page.body)?.[1];
const clientIdOf = (page: Page) => /<code lang="en" class="govuk-!-text-break-word">(dvc-[^<]+)</.exec(page.body)?.[1];

describe('client registry pages: who may enter', () => {
  it('sends a visitor to the login page with the way back', async () => {
    const res = await new TestBrowser(t).get('/quan-tri/ung-dung');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dang-nhap?next=%2Fquan-tri%2Fung-dung');
  });

  it('refuses citizens and officials without the system admin role (403 page)', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'dan@example.vn', password: 'cong dan binh thuong 2026' }, { origin });
    const citizen = new TestBrowser(t, '192.0.2.200');
    const form = await citizen.get('/dang-nhap');
    await citizen.post('/dang-nhap', { identifier: 'dan@example.vn', password: 'cong dan binh thuong 2026' }, form);
    expect((await citizen.get('/quan-tri/ung-dung')).status).toBe(403);
    const officer = await officialBrowser('motcua@example.vn', 'intake_officer');
    const page = await officer.get('/quan-tri/ung-dung/moi');
    expect(page.status).toBe(403);
    expect((await officer.post('/quan-tri/ung-dung/moi', { name: 'X', kind: 'system', scopes: 'api:sync' }, page)).status).toBe(403);
  });
});

describe('client registry pages: a system admin', () => {
  let admin: TestBrowser;
  let adminId: string;
  beforeAll(async () => {
    admin = await officialBrowser('quantri@example.vn', 'system_admin');
    const { rows } = await t.database.pool.query<{ id: string }>("SELECT id FROM identity_account WHERE email = 'quantri@example.vn'");
    adminId = rows[0]!.id;
  });

  it('refuses a form without its CSRF token', async () => {
    expect((await admin.post('/quan-tri/ung-dung/moi', { name: 'X', kind: 'system', scopes: 'api:sync' }, null)).status).toBe(403);
  });

  it('shows field errors with what was typed kept', async () => {
    const form = await admin.get('/quan-tri/ung-dung/moi');
    expect(form.status).toBe(200);
    const res = await admin.post('/quan-tri/ung-dung/moi', { name: '', kind: 'portal', redirectUris: 'http://cong.example.vn/cb', backchannelLogoutUri: 'cong', scopes: 'profile' }, form);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<title>Lỗi: ');
    expect(res.body).toContain('href="#name"');
    expect(res.body).toContain('phải dùng https');
    expect(res.body).toContain('không phải là địa chỉ web hợp lệ');
    expect(res.body).toContain('cần phạm vi openid');
    expect(res.body).toContain('http://cong.example.vn/cb</textarea>');
  });

  it('registers a portal, shows its secret once, lists it, and audits who did it from where', async () => {
    const form = await admin.get('/quan-tri/ung-dung/moi');
    const fields = new URLSearchParams({ _csrf: form.csrf, name: 'Cổng DVC tỉnh Thử nghiệm', kind: 'portal', redirectUris: 'https://dvc.thu.gov.vn/cb\nhttps://dvc.thu.gov.vn/cb2', postLogoutRedirectUris: 'https://dvc.thu.gov.vn/', backchannelLogoutUri: 'https://dvc.thu.gov.vn/bcl', firstParty: 'yes' });
    for (const s of ['openid', 'profile', 'id_number']) fields.append('scopes', s);
    const res = await t.app.http.inject({ method: 'POST', url: '/quan-tri/ung-dung/moi', payload: fields.toString(), headers: { cookie: admin.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'user-agent': 'TestBrowser/1.0' }, remoteAddress: '192.0.2.77' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = { status: 200, body: res.body, location: undefined, csrf: '' };
    expect(page.body).toContain('chỉ hiển thị một lần');
    const clientId = clientIdOf(page)!;
    const secret = secretOf(page)!;
    expect(secret).toMatch(/^[\w-]{40,}$/);
    const metadata = await t.app.oidc.clients.metadataForProvider(clientId);
    expect(metadata).toMatchObject({ client_secret: secret, redirect_uris: ['https://dvc.thu.gov.vn/cb', 'https://dvc.thu.gov.vn/cb2'], backchannel_logout_uri: 'https://dvc.thu.gov.vn/bcl', scope: 'openid profile id_number' });
    expect(await t.app.oidc.clients.isFirstParty(clientId)).toBe(true);
    expect(await audit('oidc_client.registered', clientId)).toEqual([{ actor_id: adminId, ip: '192.0.2.77', user_agent: 'TestBrowser/1.0' }]);

    const list = await admin.get('/quan-tri/ung-dung');
    expect(list.body).toContain('Cổng DVC tỉnh Thử nghiệm');
    expect(list.body).toContain(clientId);
    expect(list.body).toContain('https://dvc.thu.gov.vn/cb2');
    expect(list.body).not.toContain(secret);
  });

  it('registers an agency system, rotates its secret (new one shown once), disables and enables it', async () => {
    const form = await admin.get('/quan-tri/ung-dung/moi');
    const created = await admin.post('/quan-tri/ung-dung/moi', { name: 'Một cửa tỉnh', kind: 'system', scopes: 'api:sync' }, form);
    expect(created.status).toBe(200);
    const clientId = clientIdOf(created)!;
    const first = secretOf(created)!;

    const confirm = await admin.get(`/quan-tri/ung-dung/${clientId}/doi-khoa`);
    expect(confirm.body).toContain('Khóa cũ sẽ ngừng hoạt động ngay');
    const rotated = await admin.post(`/quan-tri/ung-dung/${clientId}/doi-khoa`, {}, confirm);
    const second = secretOf(rotated)!;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect((await t.app.oidc.clients.metadataForProvider(clientId))?.client_secret).toBe(second);
    expect(await audit('oidc_client.secret_rotated', clientId)).toHaveLength(1);

    const list = await admin.get('/quan-tri/ung-dung');
    const off = await admin.post(`/quan-tri/ung-dung/${clientId}/vo-hieu-hoa`, {}, list);
    expect(off.location).toBe(`/quan-tri/ung-dung?kq=vo-hieu-hoa&ung_dung=${clientId}`);
    expect((await admin.get(off.location!)).body).toContain('Đã vô hiệu hóa ứng dụng Một cửa tỉnh.');
    expect(await t.app.oidc.clients.metadataForProvider(clientId)).toBeUndefined();
    const on = await admin.post(`/quan-tri/ung-dung/${clientId}/kich-hoat`, {}, list);
    expect(on.status).toBe(303);
    expect(await t.app.oidc.clients.metadataForProvider(clientId)).toBeDefined();
    expect(await audit('oidc_client.disabled', clientId)).toEqual([{ actor_id: adminId, ip: expect.stringMatching(/^192\.0\.2\./), user_agent: 'TestBrowser/1.0' }]);
    expect(await audit('oidc_client.enabled', clientId)).toHaveLength(1);
    expect((await admin.post('/quan-tri/ung-dung/dvc-khong-co/vo-hieu-hoa', {}, list)).status).toBe(404);
  });

  it('speaks English too', async () => {
    const page = await admin.get('/quan-tri/ung-dung/moi?lang=en');
    expect(page.body).toContain('Register an application');
  });
});
