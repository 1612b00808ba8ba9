import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { findFreePort } from '../../../../platform/db/embedded.ts';
import { buildPortalEidDevClient, driveEidDevLogin, EID_DEV_CITIZENS, startEidDevProvider, type EidDevProvider } from '../../eid/dev-provider/index.ts';
import type { EidAssuranceLevel } from '../../eid/index.ts';
import { decodeBase32, totp } from '../../totp.workflow.ts';
import { TestBrowser } from '../browser.test-support.ts';

// The whole e-ID login over real parts: the portal in process, the reference provider (oidc-provider)
// on a random port with the portal's callback registered, its pages driven like a browser.

const PORTAL = 'http://localhost:3000';
const LEVEL_1: EidAssuranceLevel = 'urn:vneid:loa:1';
const LEVEL_2: EidAssuranceLevel = 'urn:vneid:loa:2';
const [an, binh, cuong, dung, ha] = EID_DEV_CITIZENS as [typeof EID_DEV_CITIZENS[0], typeof EID_DEV_CITIZENS[0], typeof EID_DEV_CITIZENS[0], typeof EID_DEV_CITIZENS[0], typeof EID_DEV_CITIZENS[0]];

let provider: EidDevProvider;
let t: TestApp;
let ipCounter = 10;
const browser = () => new TestBrowser(t, `198.51.100.${ipCounter++}`);
const origin = { ip: '127.0.0.1', userAgent: null };

beforeAll(async () => {
  const port = await findFreePort();
  provider = await startEidDevProvider({ port, clients: [buildPortalEidDevClient({ portalOrigins: [PORTAL] })], logger: pino({ level: 'silent' }) });
  t = await createTestApp({ EID_DEV_PORT: String(port) });
});
afterAll(async () => {
  await t?.close();
  await provider?.stop();
});

/** Start at the portal, log in at the provider, come back to the portal's callback. */
async function eidLogin(b: TestBrowser, citizen: string, level: EidAssuranceLevel, start = '/dang-nhap/dinh-danh', tamper?: (callback: URL) => void) {
  const started = await b.get(start);
  expect(started.status).toBe(303);
  const callback = new URL(await driveEidDevLogin(started.location!, { citizen, level }));
  tamper?.(callback);
  return b.get(callback.pathname + callback.search);
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await t.database.pool.query(sql, params)).rows as T[];
}

const auditCount = async (action: string, accountId?: string) =>
  (await query<{ n: number }>('SELECT count(*)::int AS n FROM identity_audit WHERE action = $1 AND ($2::uuid IS NULL OR account_id = $2)', [action, accountId ?? null]))[0]!.n;

describe('log in with the national e-ID', () => {
  it('sends the browser to the provider with code + PKCE S256, state and nonce, in a signed short-lived cookie', async () => {
    const b = browser();
    const started = await b.get('/dang-nhap/dinh-danh');
    expect(started.status).toBe(303);
    const url = new URL(started.location!);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('redirect_uri')).toBe(`${PORTAL}/dang-nhap/dinh-danh/callback`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(b.cookie('odvc_eid')).toBeDefined();
  });

  it('creates a citizen account from the claims on the first login, then links to it again (no duplicate)', async () => {
    const first = browser();
    const back = await eidLogin(first, an.sub, LEVEL_2);
    expect(back.status).toBe(303);
    expect(back.location).toBe('/tai-khoan');
    const page = await first.get('/tai-khoan');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nguyễn Văn An');

    const accounts = await query<Record<string, unknown>>('SELECT * FROM identity_account WHERE id_number = $1', [an.personalId]);
    expect(accounts).toHaveLength(1);
    const account = accounts[0]!;
    expect(account).toMatchObject({ account_type: 'citizen', status: 'active', password_hash: null, full_name: an.name, date_of_birth: an.birthdate, sex: 'male', email: an.email, phone: an.phone });
    const sessions = await query<{ acr: string; stage: string }>('SELECT acr, stage FROM identity_session WHERE account_id = $1', [account.id]);
    expect(sessions).toEqual([{ acr: LEVEL_2, stage: 'active' }]);
    const audit = await query<{ action: string; ip: string; user_agent: string }>('SELECT action, ip, user_agent FROM identity_audit WHERE account_id = $1 ORDER BY id', [account.id]);
    expect(audit.map((a) => a.action)).toEqual(['eid.account_created', 'eid.linked', 'eid.login']);
    expect(audit.every((a) => a.ip.startsWith('198.51.100.') && a.user_agent === 'TestBrowser/1.0')).toBe(true);

    const second = browser();
    expect((await eidLogin(second, an.sub, LEVEL_1)).location).toBe('/tai-khoan');
    expect(await query('SELECT 1 FROM identity_account WHERE id_number = $1', [an.personalId])).toHaveLength(1);
    expect(await query('SELECT 1 FROM identity_eid_link WHERE account_id = $1', [account.id])).toHaveLength(1);
    expect(await auditCount('eid.login', account.id as string)).toBe(2);
    expect(await auditCount('eid.account_created', account.id as string)).toBe(1);
    const acrs = await query<{ acr: string }>('SELECT acr FROM identity_session WHERE account_id = $1 ORDER BY created_at', [account.id]);
    expect(acrs.map((s) => s.acr)).toEqual([LEVEL_2, LEVEL_1]);
  });

  it('refuses to link a password account whose ID number was only typed in: 409 page, audited, nothing written', async () => {
    const existing = await t.app.modules.identity.accounts.addAccount(
      { type: 'citizen', email: 'binh.tran@example.vn', password: 'mat khau cua binh 2026', idNumber: binh.personalId, fullName: 'Trần Bình' },
      { origin },
    );
    const b = browser();
    const refused = await eidLogin(b, binh.sub, LEVEL_2);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Đã có tài khoản với số định danh cá nhân này');
    expect(refused.body).toContain('href="/dang-nhap?next=%2Ftai-khoan%2Fbao-mat"');
    expect(refused.body).toContain('href="/quen-mat-khau"');
    expect(b.cookie('odvc_session')).toBeUndefined();
    expect(await query('SELECT 1 FROM identity_account WHERE id_number = $1', [binh.personalId])).toHaveLength(1);
    expect(await query('SELECT 1 FROM identity_eid_link WHERE subject = $1', [binh.sub])).toHaveLength(0);
    const [row] = await query<{ ip: string; user_agent: string }>("SELECT ip, user_agent FROM identity_audit WHERE action = 'eid.link_refused' AND account_id = $1", [existing.id]);
    expect(row).toMatchObject({ user_agent: 'TestBrowser/1.0' });
    expect(row!.ip.startsWith('198.51.100.')).toBe(true);
    const english = await eidLogin(browser(), binh.sub, LEVEL_2, '/dang-nhap/dinh-danh?lang=en');
    expect(english.status).toBe(409);
  });

  it('links it when the owner connects the e-ID from their signed-in account page; the ID number is then read-only', async () => {
    const b = browser();
    const form = await b.get('/dang-nhap?next=%2Ftai-khoan%2Fbao-mat');
    expect((await b.post('/dang-nhap', { identifier: 'binh.tran@example.vn', password: 'mat khau cua binh 2026' }, form)).location).toBe('/tai-khoan/bao-mat');
    const security = await b.get('/tai-khoan/bao-mat');
    expect(security.body).toContain('Kết nối tài khoản định danh điện tử');
    const connect = /href="(\/dang-nhap\/dinh-danh\?next=[^"]+)"/.exec(security.body)?.[1]?.replace(/&amp;/g, '&');
    expect(connect).toBeDefined();
    const back = await eidLogin(b, binh.sub, LEVEL_2, connect);
    expect(back.location).toBe('/tai-khoan/bao-mat?kq=dinh-danh');
    const connected = await b.get(back.location!);
    expect(connected.body).toContain('Đã kết nối tài khoản định danh điện tử.');
    expect(connected.body).not.toContain('href="/dang-nhap/dinh-danh?next');
    const rows = await query<Record<string, unknown>>('SELECT id, full_name, date_of_birth, sex, email, password_hash FROM identity_account WHERE id_number = $1', [binh.personalId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ full_name: 'Trần Bình', date_of_birth: binh.birthdate, sex: 'female', email: 'binh.tran@example.vn' });
    expect(await auditCount('eid.linked', rows[0]!.id as string)).toBe(1);

    const details = await b.get('/tai-khoan/thong-tin');
    expect(details.body).toContain('đã xác thực qua định danh điện tử');
    expect(details.body).not.toContain('name="idNumber"');
    expect((await b.post('/tai-khoan/thong-tin', { fullName: 'Trần Thị Bình', dateOfBirth: '', sex: 'female', idNumber: '001190000001' }, details)).location).toBe('/tai-khoan?da_luu=1');
    expect((await query<{ id_number: string }>('SELECT id_number FROM identity_account WHERE id = $1', [rows[0]!.id]))[0]!.id_number).toBe(binh.personalId);
    // From now on the e-ID alone logs in to it.
    expect((await eidLogin(browser(), binh.sub, LEVEL_1)).location).toBe('/tai-khoan');
  });

  it('goes back to a safe `next` after login, and ignores one that leaves the site', async () => {
    expect((await eidLogin(browser(), cuong.sub, LEVEL_1, '/dang-nhap/dinh-danh?next=%2Fthu-tuc%3Fq%3Dho%2Bchieu')).location).toBe('/thu-tuc?q=ho+chieu');
    expect((await eidLogin(browser(), cuong.sub, LEVEL_1, '/dang-nhap/dinh-danh?next=%2F%2Fevil.example')).location).toBe('/tai-khoan');
    // `next` remembered by the login page carries through the e-ID link on it.
    const b = browser();
    await b.get('/dang-nhap?next=%2Fthu-tuc');
    expect((await eidLogin(b, cuong.sub, LEVEL_1)).location).toBe('/thu-tuc');
  });

  it('keeps the rule for officials: an e-ID login still waits for their second factor, which keeps the e-ID level', async () => {
    const [agency] = await query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
    const official = await t.app.modules.identity.accounts.addAccount(
      { type: 'official', email: 'dung.canbo@example.vn', password: 'can bo dung 2026 ok', agency: agency!.code, roles: ['intake_officer'], idNumber: dung.personalId },
      { origin },
    );
    // Linked earlier (e.g. connected from the account page).
    await query('INSERT INTO identity_eid_link (issuer, subject, account_id) VALUES ($1, $2, $3)', [provider.issuer, `earlier-${dung.sub}`, official.id]);
    const b = browser();
    expect((await eidLogin(b, dung.sub, LEVEL_2)).location).toBe('/dang-nhap/xac-thuc-hai-buoc');
    expect((await b.get('/tai-khoan')).location).toBe('/dang-nhap');
    const setup = await b.get('/dang-nhap/xac-thuc-hai-buoc');
    const secret = /class="odvc-totp-secret" lang="en">([A-Z2-7]+)</.exec(setup.body)![1]!;
    expect((await b.post('/dang-nhap/xac-thuc-hai-buoc', { code: totp(decodeBase32(secret), new Date()) }, setup)).location).toBe('/tai-khoan');
    const acrs = async () => (await query<{ acr: string }>("SELECT acr FROM identity_session WHERE account_id = $1 AND stage = 'active' AND revoked_at IS NULL ORDER BY created_at", [official.id])).map((r) => r.acr);
    expect(await acrs()).toEqual([LEVEL_2]);
    // Next login: TOTP already set up, the login step also keeps the level.
    const again = browser();
    expect((await eidLogin(again, dung.sub, LEVEL_1)).location).toBe('/dang-nhap/xac-thuc-hai-buoc');
    const step = await again.get('/dang-nhap/xac-thuc-hai-buoc');
    expect((await again.post('/dang-nhap/xac-thuc-hai-buoc', { code: totp(decodeBase32(secret), new Date(Date.now() + 30_000)) }, step)).location).toBe('/tai-khoan');
    expect(await acrs()).toEqual([LEVEL_2, LEVEL_1]);
  });
});

describe('what the e-ID login refuses', () => {
  const noSession = async (b: TestBrowser) => {
    expect(b.cookie('odvc_session')).toBeUndefined();
    expect((await b.get('/tai-khoan')).location).toBe('/dang-nhap');
  };

  it('a forged state: error page, no session, audited', async () => {
    const before = await auditCount('eid.login_failed');
    const b = browser();
    const res = await eidLogin(b, ha.sub, LEVEL_2, undefined, (u) => u.searchParams.set('state', 'forged-state'));
    expect(res.status).toBe(400);
    expect(res.body).toContain('Không đăng nhập được bằng tài khoản định danh điện tử');
    expect(res.body).toContain('không khớp hoặc đã hết hạn');
    await noSession(b);
    expect(await query('SELECT 1 FROM identity_account WHERE id_number = $1', [ha.personalId])).toHaveLength(0);
    expect(await auditCount('eid.login_failed')).toBe(before + 1);
  });

  it('a callback in a browser that did not start the login (no flow cookie)', async () => {
    const started = await browser().get('/dang-nhap/dinh-danh');
    const callback = new URL(await driveEidDevLogin(started.location!, { citizen: ha.sub, level: LEVEL_2 }));
    const other = browser();
    const res = await other.get(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    await noSession(other);
  });

  it('a lower level than the page demands: refused, no session; the demanded level then passes', async () => {
    const b = browser();
    const low = await eidLogin(b, ha.sub, LEVEL_1, '/dang-nhap/dinh-danh?acr=urn%3Avneid%3Aloa%3A2');
    expect(low.status).toBe(403);
    expect(low.body).toContain('mức độ bảo đảm cao hơn');
    expect(low.body).toContain('href="/dang-nhap/dinh-danh?acr=urn%3Avneid%3Aloa%3A2"');
    await noSession(b);
    expect(await query('SELECT 1 FROM identity_account WHERE id_number = $1', [ha.personalId])).toHaveLength(0);

    const started = await b.get('/dang-nhap/dinh-danh?acr=urn%3Avneid%3Aloa%3A2');
    const url = new URL(started.location!);
    expect(url.searchParams.get('acr_values')).toBe(LEVEL_2);
    expect(url.searchParams.get('prompt')).toBe('login');
    const callback = new URL(await driveEidDevLogin(started.location!, { citizen: ha.sub, level: LEVEL_2 }));
    expect((await b.get(callback.pathname + callback.search)).location).toBe('/tai-khoan');
    const [row] = await query<{ acr: string }>('SELECT s.acr FROM identity_session s JOIN identity_account a ON a.id = s.account_id WHERE a.id_number = $1', [ha.personalId]);
    expect(row!.acr).toBe(LEVEL_2);
  });

  it('steps a signed-in citizen up, replacing the weaker session', async () => {
    const b = browser();
    await eidLogin(b, cuong.sub, LEVEL_1);
    await eidLogin(b, cuong.sub, LEVEL_2, '/dang-nhap/dinh-danh?acr=urn%3Avneid%3Aloa%3A2');
    expect((await b.get('/tai-khoan')).status).toBe(200);
    const live = await query<{ acr: string }>(
      'SELECT s.acr FROM identity_session s JOIN identity_account a ON a.id = s.account_id WHERE a.id_number = $1 AND s.revoked_at IS NULL AND s.ip = $2',
      [cuong.personalId, `198.51.100.${ipCounter - 1}`],
    );
    expect(live).toEqual([{ acr: LEVEL_2 }]);
  });

  it('a refused consent at the provider', async () => {
    const b = browser();
    const started = await b.get('/dang-nhap/dinh-danh');
    const callback = new URL(await driveEidDevLogin(started.location!, { citizen: ha.sub, level: LEVEL_2, consent: false }));
    const res = await b.get(callback.pathname + callback.search);
    expect(res.status).toBe(403);
    expect(res.body).toContain('không đồng ý chia sẻ thông tin');
    await noSession(b);
  });

  it('an unknown assurance level in the link', async () => {
    const res = await browser().get('/dang-nhap/dinh-danh?acr=urn%3Avneid%3Aloa%3A9');
    expect(res.status).toBe(400);
  });

  it('an e-ID that cannot be reached: 503 page, in English too', async () => {
    const down = await createTestApp({ EID_DEV_PORT: String(await findFreePort()) });
    try {
      const res = await down.app.http.inject({ method: 'GET', url: '/dang-nhap/dinh-danh?lang=en', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('cannot be reached');
    } finally {
      await down.close();
    }
  });
});
