import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { decodeBase32, totp } from '../totp.workflow.ts';
import { latestCode, TestBrowser } from './browser.test-support.ts';

let t: TestApp;
let agencyCode: string;
beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
  agencyCode = rows[0]!.code;
});
afterAll(async () => {
  await t?.close();
});

let ipCounter = 10;
const freshIp = () => `192.0.2.${ipCounter++}`;
const origin = { ip: '127.0.0.1', userAgent: null };

async function logIn(b: TestBrowser, identifier: string, password: string) {
  const form = await b.get('/dang-nhap');
  return b.post('/dang-nhap', { identifier, password }, form);
}

async function audit(action: string): Promise<number> {
  const { rows } = await t.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM identity_audit WHERE action = $1', [action]);
  return rows[0]!.n;
}

describe('brute force', () => {
  it('locks one identifier after 5 failures, with the same answers for a real and an unknown account', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'chi@example.vn', password: 'mat khau cua chi 1' }, { origin });
    for (const identifier of ['chi@example.vn', 'khong-ton-tai@example.vn']) {
      const b = new TestBrowser(t, freshIp());
      const answers: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await logIn(b, identifier, `sai mat khau ${i}`);
        expect(res.status).toBe(400);
        answers.push(/govuk-error-summary__list">\s*<li>\s*<a[^>]*>([^<]+)/.exec(res.body)?.[1] ?? '');
      }
      expect(new Set(answers).size).toBe(1);
      expect(answers[0]).toContain('Thông tin đăng nhập không đúng');
      const locked = await logIn(new TestBrowser(t, freshIp()), identifier, 'mat khau cua chi 1');
      expect(locked.status).toBe(429);
      expect(locked.body).toContain('tạm thời bị khóa');
    }
    expect(await audit('login.lockout')).toBeGreaterThanOrEqual(2);
  });

  it('throttles one IP trying many accounts', async () => {
    const ip = freshIp();
    const b = new TestBrowser(t, ip);
    for (let i = 0; i < 30; i += 1) expect((await logIn(b, `nguoi${i}@example.vn`, 'sai mat khau nhe')).status).toBe(400);
    expect((await logIn(b, 'nguoi-khac@example.vn', 'sai mat khau nhe')).status).toBe(429);
    expect((await logIn(new TestBrowser(t, freshIp()), 'nguoi-khac@example.vn', 'sai mat khau nhe')).status).toBe(400);
  });
});

describe('officials and two-step verification', () => {
  it('makes an official set up TOTP before anything else, then asks for it at every login', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'official', email: 'canbo@example.vn', password: 'can bo mot cua 2026', agency: agencyCode, roles: ['intake_officer'] }, { origin });
    const b = new TestBrowser(t, freshIp());
    const first = await logIn(b, 'canbo@example.vn', 'can bo mot cua 2026');
    expect(first.location).toBe('/dang-nhap/xac-thuc-hai-buoc');
    expect((await b.get('/tai-khoan')).location).toBe('/dang-nhap');
    const setup = await b.get('/dang-nhap/xac-thuc-hai-buoc');
    const secret = /class="odvc-totp-secret" lang="en">([A-Z2-7]+)</.exec(setup.body)?.[1];
    expect(secret).toBeDefined();
    expect(setup.body).toContain('otpauth://totp/OpenDVC:canbo%40example.vn?secret=');
    const wrong = await b.post('/dang-nhap/xac-thuc-hai-buoc', { code: '000000' }, setup);
    expect(wrong.status).toBe(400);
    const code = totp(decodeBase32(secret!), new Date());
    const ok = await b.post('/dang-nhap/xac-thuc-hai-buoc', { code }, setup);
    expect(ok.location).toBe('/tai-khoan');
    const account = await b.get('/tai-khoan');
    expect(account.status).toBe(200);
    expect((await b.get('/tai-khoan/bao-mat')).body).toContain('bắt buộc');

    const second = new TestBrowser(t, freshIp());
    expect((await logIn(second, 'canbo@example.vn', 'can bo mot cua 2026')).location).toBe('/dang-nhap/xac-thuc-hai-buoc');
    const step = await second.get('/dang-nhap/xac-thuc-hai-buoc');
    // The code just used cannot be replayed.
    expect((await second.post('/dang-nhap/xac-thuc-hai-buoc', { code }, step)).status).toBe(400);
    const { rows } = await t.database.pool.query<{ acr: string }>("SELECT acr FROM identity_session WHERE stage = 'active' ORDER BY created_at");
    expect(rows.some((r) => r.acr.endsWith('password+totp'))).toBe(true);
  });
});

describe('sessions and password reset', () => {
  it('lists sessions, revokes one, logs out everywhere', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', phone: '0987654321', password: 'dien thoai cua dung' }, { origin });
    const laptop = new TestBrowser(t, freshIp());
    const phone = new TestBrowser(t, freshIp());
    await logIn(laptop, '0987654321', 'dien thoai cua dung');
    await logIn(phone, '+84987654321', 'dien thoai cua dung');
    const list = await laptop.get('/tai-khoan/phien-dang-nhap');
    const ids = [...list.body.matchAll(/name="sessionId" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    expect(list.body).toContain('Phiên này');
    const phonePage = await phone.get('/tai-khoan');
    expect(phonePage.status).toBe(200);
    await laptop.post('/tai-khoan/phien-dang-nhap/dang-xuat-tat-ca', {}, list);
    expect((await phone.get('/tai-khoan')).location).toBe('/dang-nhap');
    expect((await laptop.get('/tai-khoan')).location).toBe('/dang-nhap');
    expect(await audit('session.revoked_all')).toBe(1);
  });

  it('resets a password by code, refuses expired-style reuse, and reveals nothing for unknown addresses', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'dung@example.vn', password: 'mat khau cu cua toi' }, { origin });
    const b = new TestBrowser(t, freshIp());
    const form = await b.get('/quen-mat-khau');
    expect((await b.post('/quen-mat-khau', { contact: 'dung@example.vn' }, form)).location).toBe('/quen-mat-khau/dat-lai');
    const reset = await b.get('/quen-mat-khau/dat-lai');
    const code = await latestCode(t, 'dung@example.vn', 'password_reset');
    expect((await b.post('/quen-mat-khau/dat-lai', { code: code!, password: 'short' }, reset)).status).toBe(400);
    expect((await b.post('/quen-mat-khau/dat-lai', { code: code!, password: 'mat khau moi cua toi' }, reset)).location).toBe('/dang-nhap?da-dat-lai=1');
    const reused = await b.post('/quen-mat-khau/dat-lai', { code: code!, password: 'mat khau moi nua nhe' }, reset);
    expect(reused.location).toBe('/quen-mat-khau');
    expect((await logIn(new TestBrowser(t, freshIp()), 'dung@example.vn', 'mat khau moi cua toi')).location).toBe('/tai-khoan');
    const { rows } = await t.database.pool.query("SELECT payload FROM platform_event WHERE type = 'identity.password_changed'");
    expect(rows.map((r) => r.payload)).toContainEqual({ channel: 'email', to: 'dung@example.vn', locale: 'vi' });

    const stranger = new TestBrowser(t, freshIp());
    const f2 = await stranger.get('/quen-mat-khau');
    expect((await stranger.post('/quen-mat-khau', { contact: 'khong-co@example.vn' }, f2)).location).toBe('/quen-mat-khau/dat-lai');
    const p2 = await stranger.get('/quen-mat-khau/dat-lai');
    expect(p2.body).toContain('Nếu kh***@example.vn có tài khoản');
    expect(await latestCode(t, 'khong-co@example.vn', 'password_reset')).toBeNull();
  });
});
