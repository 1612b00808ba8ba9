import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { logInNewOfficial, TestBrowser, type Page } from '../../../identity/web/browser.test-support.ts';

// The holiday calendar pages through the whole app: real login (officials pass TOTP), real forms
// with CSRF, and the deadline API answering from what was approved.
let t: TestApp;
let agencyCode: string;
let admin: TestBrowser;
let ipCounter = 40;
const origin = { ip: '127.0.0.1', userAgent: 'test' };
const PASSWORD = 'lich nghi le tet 2026';
const YEAR_PAGE = '/quan-tri/lich-nghi/2026';

async function officialBrowser(email: string, role: 'system_admin' | 'intake_officer'): Promise<TestBrowser> {
  await t.app.modules.identity.accounts.addAccount({ type: 'official', email, password: PASSWORD, agency: agencyCode, roles: [role], fullName: 'Phạm Quản Trị' }, { origin });
  return logInNewOfficial(new TestBrowser(t, `192.0.2.${ipCounter++}`), email, PASSWORD);
}

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.database.pool.query<{ code: string }>('SELECT code FROM agency ORDER BY code LIMIT 1');
  agencyCode = rows[0]!.code;
  admin = await officialBrowser('lich-nghi@example.vn', 'system_admin');
});
afterAll(async () => {
  await t?.close();
});

const dueOf = async (received: string, days: number) =>
  (await t.app.http.inject({ method: 'GET', url: `/api/v1/deadlines?${new URLSearchParams({ received, value: String(days), unit: 'working_days' })}` })).json() as { due: string };
/** The text of the page's main content without tags, for assertions on what people read. */
const text = (page: Page) => page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('holiday calendar pages: who may enter', () => {
  it('sends a visitor to the login page with the way back', async () => {
    const res = await new TestBrowser(t).get(YEAR_PAGE);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dang-nhap?next=%2Fquan-tri%2Flich-nghi%2F2026');
  });

  it('refuses citizens and officials without the system admin role (403), pages and posts alike', async () => {
    await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'dan-lich@example.vn', password: 'cong dan binh thuong 2026' }, { origin });
    const citizen = new TestBrowser(t, '192.0.2.201');
    const form = await citizen.get('/dang-nhap');
    await citizen.post('/dang-nhap', { identifier: 'dan-lich@example.vn', password: 'cong dan binh thuong 2026' }, form);
    expect((await citizen.get('/quan-tri/lich-nghi')).status).toBe(403);
    const officer = await officialBrowser('motcua-lich@example.vn', 'intake_officer');
    const page = await officer.get(YEAR_PAGE);
    expect(page.status).toBe(403);
    expect(page.body).toContain('Chỉ quản trị hệ thống mới được sửa và phê duyệt lịch nghỉ.');
    const home = await officer.get('/');
    expect((await officer.post(`${YEAR_PAGE}/phe-duyet`, { baseVersion: '0' }, home)).status).toBe(403);
    expect(await t.database.pool.query('SELECT 1 FROM dossier_holiday_calendar').then((r) => r.rowCount)).toBe(0);
  });

  it('refuses a form without its CSRF token', async () => {
    expect((await admin.post(`${YEAR_PAGE}/ngay-nghi`, { offDate: '04/05/2026', offName: 'x', offKind: 'swap_off' }, null)).status).toBe(403);
  });
});

describe('holiday calendar pages: a system admin', () => {
  it('lists the years with where their calendar comes from, and opens another year', async () => {
    const list = await admin.get('/quan-tri/lich-nghi');
    expect(list.status).toBe(200);
    expect(list.body).toContain('href="/quan-tri/lich-nghi/2026"');
    expect(list.body).toContain('Đề xuất từ luật');
    const bad = await admin.get('/quan-tri/lich-nghi?nam=20x6');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<title>Lỗi: ');
    expect(bad.body).toContain('href="#nam"');
    expect(bad.body).toContain('value="20x6"');
    expect((await admin.get('/quan-tri/lich-nghi?nam=2031')).location).toBe('/quan-tri/lich-nghi/2031');
    expect((await admin.get('/quan-tri/lich-nghi/1999')).status).toBe(404);
    expect((await admin.get('/quan-tri/lich-nghi/abcd')).status).toBe(404);
  });

  it('shows the proposal of a year: days off with kind and reference, and their effect on deadlines', async () => {
    const page = await admin.get(YEAR_PAGE);
    expect(page.status).toBe(200);
    const words = text(page);
    expect(words).toContain('Lịch nghỉ năm 2026');
    expect(words).toContain('Đề xuất từ luật (chưa phê duyệt)');
    expect(words).toContain('Thứ Năm 30/04/2026');
    expect(words).toContain('Bộ luật Lao động 2019, Điều 112');
    expect(words).toContain('Không có ngày làm việc bù.');
    // 5 working days from Thu 30/04/2026 09:00 (a holiday, then 1/5 and the weekend): from Mon 4/5 07:00 to Mon 11/5 07:00.
    expect(words).toContain('Thứ Năm 30/04/2026 09:00 Thứ Hai 11/05/2026 07:00');
    const english = await admin.get(`${YEAR_PAGE}?lang=en`);
    expect(text(english)).toContain('Holiday calendar 2026');
    expect(text(english)).toContain('Thursday 30/04/2026');
    await admin.get(`${YEAR_PAGE}?lang=vi`);
  });

  it('shows every problem of a form with a summary linking to its field, the typed values kept', async () => {
    const form = await admin.get(YEAR_PAGE);
    const res = await admin.post(`${YEAR_PAGE}/ngay-nghi`, { offDate: '31/02/2026', offName: '', offKind: '', offReference: 'Công văn số 1' }, form);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<title>Lỗi: ');
    for (const id of ['offDate', 'offName', 'offKind']) expect(res.body).toContain(`href="#${id}"`);
    expect(res.body).toContain('Ngày phải là một ngày có thật');
    expect(res.body).toContain('value="31/02/2026"');
    expect(res.body).toContain('value="Công văn số 1"');

    const outside = await admin.post(`${YEAR_PAGE}/ngay-nghi`, { offDate: '01/01/2027', offName: 'Tết', offKind: 'holiday' }, form);
    expect(outside.body).toContain('Ngày phải thuộc năm 2026');
    const weekday = await admin.post(`${YEAR_PAGE}/ngay-lam-viec`, { workDate: '05/05/2026', workReason: 'Làm bù' }, form);
    expect(weekday.status).toBe(400);
    expect(weekday.body).toContain('href="#workDate"');
    expect(weekday.body).toContain('05/05/2026 không phải thứ Bảy hay Chủ nhật');
    expect(weekday.body).toContain('value="Làm bù"');
    // 2/5/2026 is a Saturday, but not off in the proposal: off and worked at once is refused the other way round.
    const proposedOff = await admin.post(`${YEAR_PAGE}/ngay-nghi`, { offDate: '30/04/2026', offName: 'x', offKind: 'holiday' }, form);
    expect(proposedOff.body).toContain('30/04/2026 đã có trong danh sách ngày nghỉ');
    expect((await t.database.pool.query('SELECT 1 FROM dossier_holiday_calendar_draft')).rowCount).toBe(0);
  });

  it('edits the draft, approves it, and the deadline API follows at once; the approval is recorded', async () => {
    expect(await dueOf('2026-05-04T10:00', 3)).toEqual({ due: '2026-05-07T10:00:00+07:00' });
    let form = await admin.get(YEAR_PAGE);
    const added = await admin.post(`${YEAR_PAGE}/ngay-nghi`, { offDate: '4/5', offName: 'Nghỉ hoán đổi dịp 30/4', offKind: 'swap_off', offReference: '' }, form);
    expect(added.status).toBe(303);
    expect(added.location).toBe(`${YEAR_PAGE}?kq=da-them&ngay=2026-05-04`);
    form = await admin.get(added.location!);
    expect(text(form)).toContain('Đã thêm ngày 04/05/2026 vào bản nháp.');
    expect(text(form)).toContain('Có thay đổi chưa phê duyệt');
    expect(text(form)).toContain('Thứ Hai 04/05/2026 Nghỉ hoán đổi dịp 30/4 Nghỉ hoán đổi');

    const worked = await admin.post(`${YEAR_PAGE}/ngay-lam-viec`, { workDate: '09/05/2026', workReason: 'Làm bù cho thứ Hai 04/05' }, form);
    expect(worked.status).toBe(303);
    // Remove it and put it back: plain forms, no script.
    form = await admin.get(YEAR_PAGE);
    expect((await admin.post(`${YEAR_PAGE}/xoa`, { list: 'work', date: '2026-05-09' }, form)).location).toBe(`${YEAR_PAGE}?kq=da-xoa&ngay=2026-05-09`);
    form = await admin.get(YEAR_PAGE);
    expect(text(form)).toContain('Không có ngày làm việc bù.');
    await admin.post(`${YEAR_PAGE}/ngay-lam-viec`, { workDate: '09/05/2026', workReason: 'Làm bù cho thứ Hai 04/05' }, form);
    form = await admin.get(YEAR_PAGE);
    const words = text(form);
    expect(words).toContain('Thứ Bảy 09/05/2026 Làm bù cho thứ Hai 04/05');
    // The effect: received Sat 9/5 09:00, 5 working days, is due Fri 15/5 instead of Mon 18/5 07:00.
    expect(words).toContain('Thứ Bảy 09/05/2026 09:00 Thứ Hai 18/05/2026 07:00 Thứ Sáu 15/05/2026 09:00 Thay đổi');
    // Still the proposal until approved.
    expect(await dueOf('2026-05-04T10:00', 3)).toEqual({ due: '2026-05-07T10:00:00+07:00' });

    const approved = await admin.post(`${YEAR_PAGE}/phe-duyet`, { baseVersion: '0', note: 'Theo thông báo thử nghiệm' }, form);
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`${YEAR_PAGE}?kq=da-phe-duyet`);
    const after = await admin.get(approved.location!);
    expect(text(after)).toContain('Đã phê duyệt phiên bản 1.');
    expect(text(after)).toContain('Đã phê duyệt – phiên bản 1');
    expect(text(after)).toContain('Không có thay đổi chưa phê duyệt');
    expect(await dueOf('2026-05-04T10:00', 3)).toEqual({ due: '2026-05-08T07:00:00+07:00' });
    expect(await dueOf('2026-05-08T10:00', 1)).toEqual({ due: '2026-05-09T10:00:00+07:00' });
    const api = (await t.app.http.inject({ method: 'GET', url: '/api/v1/holiday-calendars/2026' })).json() as Record<string, unknown>;
    expect(api).toMatchObject({ approved: true, version: 1 });

    const { rows } = await t.database.pool.query(
      "SELECT a.approved_by = i.id AS by_admin, a.ip, a.user_agent, a.approved_via, a.note FROM dossier_holiday_calendar a JOIN identity_account i ON i.email = 'lich-nghi@example.vn' WHERE a.year = 2026",
    );
    expect(rows).toEqual([{ by_admin: true, ip: '192.0.2.40', user_agent: 'TestBrowser/1.0', approved_via: 'web', note: 'Theo thông báo thử nghiệm' }]);
    const list = await admin.get('/quan-tri/lich-nghi');
    expect(text(list)).toMatch(/2026 – Xem và sửa lịch năm 2026 Đã phê duyệt 1/);
  });

  it('refuses to approve nothing new, and an approval over a version the page did not show', async () => {
    const form = await admin.get(YEAR_PAGE);
    const nothing = await admin.post(`${YEAR_PAGE}/phe-duyet`, { baseVersion: '1', note: '' }, form);
    expect(nothing.status).toBe(400);
    expect(nothing.body).toContain('href="#phe-duyet"');
    expect(nothing.body).toContain('không có thay đổi nào so với phiên bản 1');
    const stale = await admin.post(`${YEAR_PAGE}/phe-duyet`, { baseVersion: '0', note: 'x'.repeat(20) }, form);
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('vừa được phê duyệt thành phiên bản 1');
    expect(stale.body).toContain('xxxxxxxxxxxxxxxxxxxx</textarea>');
    const discard = await admin.post(`${YEAR_PAGE}/ngay-nghi`, { offDate: '31/12/2026', offName: 'Thử', offKind: 'swap_off' }, form);
    expect(discard.status).toBe(303);
    expect((await admin.post(`${YEAR_PAGE}/huy-nhap`, {}, form)).location).toBe(`${YEAR_PAGE}?kq=da-huy`);
    expect(text(await admin.get(YEAR_PAGE))).not.toContain('31/12/2026 Thử');
  });

  it('documents the public API and answers bad years with problem+json', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/api/v1/holiday-calendars/1999', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.json() as { code: string }).code).toBe('VALIDATION_FAILED');
    const spec = (await t.app.http.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/v1/holiday-calendars/{year}');
  });
});
