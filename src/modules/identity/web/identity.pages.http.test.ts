import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { latestCode, TestBrowser } from './browser.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let ipCounter = 20;
const freshIp = () => `198.51.100.${ipCounter++}`;

async function registerAndVerify(b: TestBrowser, email: string, password = 'mat khau rat dai 2026') {
  const form = await b.get('/dang-ky');
  const sent = await b.post('/dang-ky', { type: 'citizen', contact: email, password }, form);
  expect(sent.status).toBe(303);
  expect(sent.location).toBe('/dang-ky/xac-minh');
  const verify = await b.get('/dang-ky/xac-minh');
  expect(verify.body).toContain(email.slice(0, 2));
  const code = await latestCode(t, email, 'register');
  expect(code).toMatch(/^\d{6}$/);
  const done = await b.post('/dang-ky/xac-minh', { code: code! }, verify);
  expect(done.location).toBe('/dang-nhap?da-dang-ky=1');
  return { code: code!, verify };
}

async function logIn(b: TestBrowser, identifier: string, password: string) {
  const form = await b.get('/dang-nhap');
  return b.post('/dang-nhap', { identifier, password }, form);
}

describe('register, verify, log in, profile, log out', () => {
  it('walks the whole citizen journey', async () => {
    const b = new TestBrowser(t, freshIp());
    const { code, verify } = await registerAndVerify(b, 'an.nguyen@example.vn');
    // A code works once.
    const again = await b.post('/dang-ky/xac-minh', { code }, verify);
    expect(again.location ?? '').toBe('/dang-ky');

    const home = await b.get('/');
    expect(home.body).toContain('href="/dang-nhap"');
    const loggedIn = await logIn(b, 'AN.NGUYEN@example.vn', 'mat khau rat dai 2026');
    expect(loggedIn.location).toBe('/tai-khoan');
    const account = await b.get('/tai-khoan');
    expect(account.status).toBe(200);
    expect(account.body).toContain('Tài khoản của an.nguyen@example.vn');

    const details = await b.get('/tai-khoan/thong-tin');
    const bad = await b.post('/tai-khoan/thong-tin', { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-03-27', sex: 'male', idNumber: '003090123456' }, details);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<title>Lỗi:');
    expect(bad.body).toContain('Ba chữ số đầu');
    expect(bad.body).toContain('value="Nguyễn Văn An"');
    const saved = await b.post('/tai-khoan/thong-tin', { fullName: 'Nguyễn Văn An', dateOfBirth: '1990-03-27', sex: 'male', idNumber: '001090123456' }, details);
    expect(saved.location).toBe('/tai-khoan?da_luu=1');
    const after = await b.get('/tai-khoan?da_luu=1');
    expect(after.body).toContain('Tài khoản của Nguyễn Văn An');

    const province = await b.get('/tai-khoan/dia-chi/thuong-tru?tinh=01');
    const commune = /<option value="(\d{5})"/.exec(province.body)?.[1];
    expect(commune).toBeDefined();
    const wrongCommune = await b.post('/tai-khoan/dia-chi/thuong-tru', { provinceCode: '79', communeCode: commune!, street: 'Số 1 Tràng Tiền' }, province);
    expect(wrongCommune.status).toBe(400);
    const addressSaved = await b.post('/tai-khoan/dia-chi/thuong-tru', { provinceCode: '01', communeCode: commune!, street: 'Số 1  Tràng Tiền' }, province);
    expect(addressSaved.location).toBe('/tai-khoan?da_luu=1');
    expect((await b.get('/tai-khoan')).body).toContain('Số 1 Tràng Tiền, ');

    const out = await b.post('/dang-xuat', {}, after);
    expect(out.location).toBe('/dang-nhap');
    expect((await b.get('/tai-khoan')).location).toBe('/dang-nhap');
  });

  it('answers a duplicate registration like a new one, without sending a code', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'binh@example.vn', password: 'dang ky tu truoc roi' }, { origin: { ip: '127.0.0.1', userAgent: null } });
    const before = await latestCode(t, 'binh@example.vn', 'register');
    expect(before).toBeNull();
    const other = new TestBrowser(t, freshIp());
    const form = await other.get('/dang-ky');
    const dup = await other.post('/dang-ky', { type: 'citizen', contact: 'binh@example.vn', password: 'mot mat khau khac 99' }, form);
    expect(dup.status).toBe(303);
    expect(dup.location).toBe('/dang-ky/xac-minh');
    expect(await latestCode(t, 'binh@example.vn', 'register')).toBe(before);
    const verify = await other.get('/dang-ky/xac-minh');
    const guess = await other.post('/dang-ky/xac-minh', { code: '123456' }, verify);
    expect(guess.status).toBe(400);
    expect(guess.body).toContain('Mã xác minh không đúng');
  });

  it('rejects malformed contacts, phones and weak passwords with an error summary', async () => {
    const b = new TestBrowser(t, freshIp());
    const form = await b.get('/dang-ky');
    const res = await b.post('/dang-ky', { type: 'citizen', contact: '0951234567', password: 'short' }, form);
    expect(res.status).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#contact"');
    expect(res.body).toContain('href="#password"');
    expect(res.body).toContain('value="0951234567"');
  });

  it('registers with a phone number; the SMS goes to the +84 form', async () => {
    const b = new TestBrowser(t, freshIp());
    const form = await b.get('/dang-ky');
    await b.post('/dang-ky', { type: 'business', contact: '091 234 5678', password: 'cong ty tnhh an binh' }, form);
    expect(await latestCode(t, '+84912345678', 'register')).toMatch(/^\d{6}$/);
    const resend = await b.post('/dang-ky', { type: 'business', contact: '0912345678', password: 'cong ty tnhh an binh' }, form);
    expect(resend.status).toBe(400);
    expect(resend.body).toContain('giây');
  });
});

describe('contact change', () => {
  it('adds a phone number proven by a code, then logs in with it; another account’s address gets no code', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'giang@example.vn', password: 'song nui hung vi' }, { origin: { ip: '127.0.0.1', userAgent: null } });
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'khac@example.vn', password: 'song nui hung vi' }, { origin: { ip: '127.0.0.1', userAgent: null } });
    const b = new TestBrowser(t, freshIp());
    const login = await b.get('/dang-nhap');
    await b.post('/dang-nhap', { identifier: 'giang@example.vn', password: 'song nui hung vi' }, login);
    const form = await b.get('/tai-khoan/lien-he');
    expect((await b.post('/tai-khoan/lien-he', { contact: 'giang@example.vn' }, form)).status).toBe(400);
    expect((await b.post('/tai-khoan/lien-he', { contact: '0708123456' }, form)).location).toBe('/tai-khoan/lien-he/xac-minh');
    const verify = await b.get('/tai-khoan/lien-he/xac-minh');
    expect(verify.body).toContain('07******56');
    const code = await latestCode(t, '+84708123456', 'contact_change');
    expect((await b.post('/tai-khoan/lien-he/xac-minh', { code: code! }, verify)).location).toBe('/tai-khoan?da_luu=1');
    expect((await b.get('/tai-khoan')).body).toContain('0708123456');
    const phone = new TestBrowser(t, freshIp());
    const login2 = await phone.get('/dang-nhap');
    expect((await phone.post('/dang-nhap', { identifier: '+84 708 123 456', password: 'song nui hung vi' }, login2)).location).toBe('/tai-khoan');

    const taken = await b.post('/tai-khoan/lien-he', { contact: 'khac@example.vn' }, form);
    expect(taken.location).toBe('/tai-khoan/lien-he/xac-minh');
    expect(await latestCode(t, 'khac@example.vn', 'contact_change')).toBeNull();
  });
});

describe('CSRF on every form', () => {
  const forms = [
    '/dang-ky',
    '/dang-ky/xac-minh',
    '/dang-nhap',
    '/dang-xuat',
    '/dang-nhap/xac-thuc-hai-buoc',
    '/quen-mat-khau',
    '/quen-mat-khau/dat-lai',
    '/tai-khoan/thong-tin',
    '/tai-khoan/dia-chi/thuong-tru',
    '/tai-khoan/phien-dang-nhap/thu-hoi',
    '/tai-khoan/phien-dang-nhap/dang-xuat-tat-ca',
    '/tai-khoan/bao-mat/bat',
    '/tai-khoan/bao-mat/tat',
    '/tai-khoan/lien-he',
    '/tai-khoan/lien-he/xac-minh',
  ];
  it.each(forms)('refuses %s without a token, with a forged one and with another visitor’s', async (url) => {
    const b = new TestBrowser(t, freshIp());
    const page = await b.get('/dang-nhap');
    const missing = await b.post(url, {}, null);
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('Biểu mẫu đã hết hạn');
    const forged = await b.post(url, { _csrf: 'x'.repeat(43) }, null);
    expect(forged.status).toBe(403);
    const stranger = new TestBrowser(t, freshIp());
    await stranger.get('/dang-nhap');
    expect((await stranger.post(url, {}, page)).status).toBe(403);
  });
});
