import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { addCitizen, CITIZEN_PASSWORD, CitizenBrowser, csrfOf, DISGUISED, hidden, PDF, requirementKeys, validApplicant } from './citizen.test-support.ts';

// The whole journey over HTTP with real accounts, the real dossier core, documents and PDF forms:
// 1.000236 is an online procedure of one coded agency (Cục Quản lý xuất nhập cảnh).
const PROCEDURE = '1.000236';
const AGENCY = '000.00.08.G01';
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-citizen-'));
let t: TestApp;
let an: CitizenBrowser;
let binh: CitizenBrowser;

beforeAll(async () => {
  t = await createTestApp({ FILES_DIR: filesDir, UPLOAD_MAX_BYTES: '65536', UPLOAD_MAX_FILES: '5' });
  await addCitizen(t, 'an.hoso@example.vn', { fullName: 'Nguyễn Văn An' });
  await addCitizen(t, 'binh.hoso@example.vn', { fullName: 'Lê Thị Bình' });
  an = new CitizenBrowser(t, '198.51.100.81');
  binh = new CitizenBrowser(t, '198.51.100.82');
  await an.logIn('an.hoso@example.vn', CITIZEN_PASSWORD);
  await binh.logIn('binh.hoso@example.vn', CITIZEN_PASSWORD);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const summaryLinks = (html: string) => {
  const start = html.indexOf('govuk-error-summary__list');
  return [...html.slice(start, html.indexOf('</ul>', start)).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
};
const count = async (sql: string, params: unknown[] = []) => Number((await t.database.pool.query(sql, params)).rows[0].n);

describe('signing in', () => {
  it('sends a visitor to log in and back to where they were going', async () => {
    const visitor = new CitizenBrowser(t, '198.51.100.80');
    const door = await visitor.get(`/thu-tuc/${PROCEDURE}/nop-ho-so`);
    expect(door.status).toBe(303);
    expect(door.location).toBe(`/dang-nhap?next=${encodeURIComponent(`/thu-tuc/${PROCEDURE}/nop-ho-so`)}`);
    for (const url of ['/tai-khoan/ho-so', `/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`, '/ho-so/00000000-0000-4000-8000-000000000000']) {
      const res = await visitor.get(url);
      expect(res.status, url).toBe(303);
      expect(res.location).toBe(`/dang-nhap?next=${encodeURIComponent(url)}`);
    }
  });
});

describe('applying online, from the start to withdrawal', () => {
  let id = '';
  let code = '';

  it('starts: the catalog door leads a signed-in person to "where and for whom", then to the task list', async () => {
    const door = await an.get(`/thu-tuc/${PROCEDURE}/nop-ho-so`);
    expect(door.location).toBe(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`);
    const start = await an.get(door.location!);
    expect(start.status).toBe(200);
    expect(start.body).toContain('<title>Nộp hồ sơ trực tuyến – Cổng Dịch vụ công</title>');
    expect(start.body).toContain('Cục Quản lý xuất nhập cảnh');
    expect(hidden(start.body, 'agencyCode')).toBe(AGENCY);
    const missing = await an.post(door.location!, { _csrf: csrfOf(start.body), agencyCode: AGENCY });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('<title>Lỗi: Nộp hồ sơ trực tuyến – Cổng Dịch vụ công</title>');
    expect(summaryLinks(missing.body)).toEqual(['#forWhom']);
    const created = await an.post(door.location!, { _csrf: csrfOf(start.body), agencyCode: AGENCY, forWhom: 'self' });
    expect(created.status).toBe(303);
    id = /^\/ho-so\/([0-9a-f-]{36})$/.exec(created.location!)![1]!;

    const tasks = await an.get(`/ho-so/${id}`);
    expect(tasks.status).toBe(200);
    expect(tasks.body).toContain('govuk-task-list');
    for (const text of ['Thông tin người nộp', 'Thông tin hồ sơ', 'Giấy tờ', 'Kiểm tra và nộp', 'Đang làm', 'Chưa bắt đầu', 'Chưa thể bắt đầu']) expect(tasks.body).toContain(text);
    expect(tasks.body).not.toContain(`href="/ho-so/${id}/kiem-tra"`);
  });

  it('offers the draft again to a person who starts the same procedure at the same agency', async () => {
    const start = await an.get(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`);
    expect(start.body).toContain(`href="/ho-so/${id}"`);
    const again = await an.post(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(start.body), agencyCode: AGENCY, forWhom: 'self' });
    expect(again.status).toBe(200);
    expect(again.body).toContain('Bạn muốn tiếp tục hồ sơ đang làm dở?');
    const unanswered = await an.post(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(again.body), agencyCode: AGENCY, forWhom: 'self', step: 'resume' });
    expect(unanswered.status).toBe(400);
    const resumed = await an.post(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(again.body), agencyCode: AGENCY, forWhom: 'self', step: 'resume', resume: id });
    expect(resumed.location).toBe(`/ho-so/${id}`);
    expect(await count("SELECT count(*) AS n FROM dossier WHERE status = 'draft' AND procedure_code = $1", [PROCEDURE])).toBe(1);
  });

  it('prefills the applicant from the profile, shows every error with the input kept, then saves', async () => {
    const page = await an.get(`/ho-so/${id}/nguoi-nop`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="Nguyễn Văn An"');
    expect(page.body).toContain('name="applicant_date_of_birth[day]"');
    const bad = await an.post(`/ho-so/${id}/nguoi-nop`, {
      _csrf: csrfOf(page.body),
      applicant_full_name: 'Nguyễn Văn An',
      'applicant_date_of_birth[day]': '31',
      'applicant_date_of_birth[month]': '2',
      'applicant_date_of_birth[year]': '1990',
      applicant_id_number: '123',
      applicant_phone: '0912345678',
      'applicant_permanent_address[provinceCode]': '01',
      'applicant_permanent_address[street]': 'Số 12 phố Đội Cấn',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('<title>Lỗi: Thông tin người nộp – Cổng Dịch vụ công</title>');
    expect(summaryLinks(bad.body)).toEqual(['#f-applicant_date_of_birth-day', '#f-applicant_id_number', '#f-applicant_permanent_address-communeCode']);
    expect(bad.body).toContain('value="123"');
    expect(bad.body).toContain('value="31"');
    expect(bad.body).toContain('value="Số 12 phố Đội Cấn"');
    expect(bad.body).toContain('id="f-applicant_permanent_address-communeCode"');
    // Saved as typed: the draft resumes with it on another device.
    const resumed = await new CitizenBrowser(t, '198.51.100.83').get(`/ho-so/${id}/nguoi-nop`);
    expect(resumed.status).toBe(303);
    const again = await an.get(`/ho-so/${id}/nguoi-nop`);
    expect(again.body).toContain('value="123"');

    // Without JavaScript the commune list follows the province after a round trip.
    const units = await an.post(`/ho-so/${id}/nguoi-nop`, { _csrf: csrfOf(page.body), 'applicant_permanent_address[provinceCode]': '79', _action: 'units:applicant_permanent_address' });
    expect(units.status).toBe(303);
    expect(units.location).toBe(`/ho-so/${id}/nguoi-nop#f-applicant_permanent_address-communeCode`);
    const withCommunes = await an.get(`/ho-so/${id}/nguoi-nop`);
    const [firstHcm] = await t.app.modules.agencies.service.listCommunes('79');
    expect(withCommunes.body).toContain(`value="${firstHcm!.code}"`);

    const good = await an.post(`/ho-so/${id}/nguoi-nop`, { _csrf: csrfOf(page.body), ...(await validApplicant(t)) });
    expect(good.status).toBe(303);
    expect(good.location).toBe(`/ho-so/${id}`);
    const tasks = await an.get(`/ho-so/${id}`);
    expect(tasks.body).toMatch(/Thông tin người nộp[\s\S]*?Hoàn thành/);
  });

  it('takes the request details', async () => {
    const page = await an.get(`/ho-so/${id}/thong-tin`);
    const empty = await an.post(`/ho-so/${id}/thong-tin`, { _csrf: csrfOf(page.body), request_summary: '   ' });
    expect(empty.status).toBe(400);
    expect(summaryLinks(empty.body)).toEqual(['#f-request_summary']);
    const saved = await an.post(`/ho-so/${id}/thong-tin`, { _csrf: csrfOf(page.body), request_summary: 'Đề nghị xác nhận nhân thân.' });
    expect(saved.status).toBe(303);
  });

  it('uploads documents: a real PDF is kept, a disguised file is refused by name, and files can be removed', async () => {
    const page = await an.get(`/ho-so/${id}/giay-to`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const keys = requirementKeys(page.body);
    expect(keys.length).toBeGreaterThan(0);
    const first = keys[0]!;
    const mixed = await an.postMultipart(`/ho-so/${id}/giay-to`, [
      { name: '_csrf', value: csrfOf(page.body) },
      { name: 'requirement', value: first },
      { name: 'files', filename: 'to-khai.pdf', type: 'application/pdf', data: PDF('to khai') },
      { name: 'files', filename: 'trang.pdf', type: 'application/pdf', data: DISGUISED },
    ]);
    expect(mixed.status).toBe(400);
    expect(mixed.body).toContain('Tệp “trang.pdf” phải là PDF, JPG hoặc PNG');
    expect(summaryLinks(mixed.body)).toEqual([`#file-${first}`]);
    expect(mixed.body).toContain('to-khai.pdf');
    expect(mixed.body).toMatch(/PDF, \d+ byte/);

    const blank = await an.postMultipart(`/ho-so/${id}/giay-to`, [
      { name: '_csrf', value: csrfOf(page.body) },
      { name: 'requirement', value: first },
      { name: 'files', filename: '', data: Buffer.alloc(0) },
    ]);
    expect(blank.status).toBe(400);
    expect(blank.body).toContain('Chọn tệp cho');

    const early = await an.post(`/ho-so/${id}/giay-to/xong`, { _csrf: csrfOf(page.body) });
    if (keys.length > 1) expect(early.status).toBe(400);
    for (const key of keys.slice(1)) {
      const up = await an.postMultipart(`/ho-so/${id}/giay-to`, [{ name: '_csrf', value: csrfOf(page.body) }, { name: 'requirement', value: key }, { name: 'files', filename: `${key}.pdf`, type: 'application/pdf', data: PDF(key) }]);
      expect(up.status).toBe(303);
      expect(up.location).toBe(`/ho-so/${id}/giay-to?da_tai=1#doc-${key}`);
    }
    const extra = await an.postMultipart(`/ho-so/${id}/giay-to`, [{ name: '_csrf', value: csrfOf(page.body) }, { name: 'requirement', value: first }, { name: 'files', filename: 'them.pdf', type: 'application/pdf', data: PDF('them') }]);
    expect(extra.status).toBe(303);
    const listed = await an.get(`/ho-so/${id}/giay-to`);
    const row = listed.body.slice(listed.body.indexOf('them.pdf'));
    const fileId = /name="file" value="([0-9a-f-]{36})"/.exec(row)?.[1];
    expect(fileId).toBeDefined();
    const removed = await an.post(`/ho-so/${id}/giay-to/xoa`, { _csrf: csrfOf(listed.body), file: fileId! });
    expect(removed.status).toBe(303);
    expect(await count("SELECT count(*) AS n FROM dossier_file WHERE dossier_id = $1 AND name = 'them.pdf'", [id])).toBe(0);
    const done = await an.post(`/ho-so/${id}/giay-to/xong`, { _csrf: csrfOf(listed.body) });
    expect(done.status).toBe(303);
    const tasks = await an.get(`/ho-so/${id}`);
    expect(tasks.body).toContain(`href="/ho-so/${id}/kiem-tra"`);
  });

  it('checks the answers with "Thay đổi" links and submits once however often the button is pressed', async () => {
    const check = await an.get(`/ho-so/${id}/kiem-tra`);
    expect(check.status).toBe(200);
    expect(check.body).toContain('Nguyễn Thị Hương');
    expect(check.body).toContain('15/06/1990');
    expect(check.body).toContain('Đề nghị xác nhận nhân thân.');
    expect(check.body).toContain(`href="/ho-so/${id}/nguoi-nop#f-applicant_full_name"`);
    expect(check.body).toContain('Thay đổi<span class="govuk-visually-hidden"> Họ, chữ đệm và tên</span>');
    const csrf = csrfOf(check.body);
    const [one, two] = await Promise.all([an.post(`/ho-so/${id}/nop`, { _csrf: csrf }), an.post(`/ho-so/${id}/nop`, { _csrf: csrf })]);
    expect([one.status, two.status]).toEqual([303, 303]);
    expect(one.location).toBe(`/ho-so/${id}/bien-nhan`);
    expect(two.location).toBe(`/ho-so/${id}/bien-nhan`);
    const rows = (await t.database.pool.query('SELECT code, status FROM dossier WHERE id = $1', [id])).rows;
    code = rows[0].code;
    expect(rows[0].status).toBe('submitted');
    expect(code).toMatch(new RegExp(`^${AGENCY.replace(/\./g, '\\.')}-\\d{6}-0001$`));
    expect(await count("SELECT count(*) AS n FROM dossier_event WHERE dossier_id = $1 AND type = 'submitted'", [id])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM dossier WHERE code IS NOT NULL')).toBe(1);
    const third = await an.post(`/ho-so/${id}/nop`, { _csrf: csrf });
    expect(third.location).toBe(`/ho-so/${id}/bien-nhan`);
  });

  it('shows the receipt with the code and the appointment, and form 01 as a PDF', async () => {
    const receipt = await an.get(`/ho-so/${id}/bien-nhan`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toContain('govuk-panel--confirmation');
    expect(receipt.body).toContain(`<strong>${code}</strong>`);
    expect(receipt.body).toMatch(/\d{2} giờ \d{2} phút, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    const pdf = await an.get(`/ho-so/${id}/bien-nhan.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(filesDir, 'receipt.pdf');
    fs.writeFileSync(file, pdf.raw);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(code);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Nguyễn Thị Hương');
    const english = await an.get(`/ho-so/${id}/bien-nhan?lang=en`);
    expect(english.body).toContain('Application submitted');
    expect(english.body).toMatch(/\d{2}:\d{2} on \d{1,2} [A-Z][a-z]+ \d{4}/);
    await an.get(`/ho-so/${id}/bien-nhan?lang=vi`);
  });

  it('lists the dossier under "Hồ sơ của tôi" and shows its page; nobody else can see it', async () => {
    const mine = await an.get('/tai-khoan/ho-so');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(code);
    expect(mine.body).toContain('Mới đăng ký');
    expect(mine.body).toContain('mã trạng thái 1');
    expect(mine.body).toContain('Trong hạn');
    const page = await an.get(`/ho-so/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Hồ sơ ${code}`);
    expect(page.body).toContain('Nộp hồ sơ');
    expect(page.body).toContain('Bộ phận Một cửa – Cục Quản lý xuất nhập cảnh');
    expect(page.body).toContain(`href="/ho-so/${id}/rut"`);
    const fileLink = /href="(\/ho-so\/[0-9a-f-]{36}\/tep\/[0-9a-f-]{36})"/.exec(page.body)![1]!;
    const download = await an.get(fileLink);
    expect(download.status).toBe(200);
    expect(download.raw.subarray(0, 5).toString()).toBe('%PDF-');
    for (const url of [`/ho-so/${id}`, `/ho-so/${id}/bien-nhan`, `/ho-so/${id}/bien-nhan.pdf`, fileLink, `/ho-so/${id}/rut`, `/ho-so/${id}/giay-to`]) {
      const res = await binh.get(url);
      expect(res.status, url).toBe(404);
    }
    expect((await binh.get('/tai-khoan/ho-so')).body).not.toContain(code);
  });

  it('withdraws after a confirmation, once however often it is posted', async () => {
    const confirm = await an.get(`/ho-so/${id}/rut`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(`Rút hồ sơ ${code}?`);
    const form = { _csrf: csrfOf(confirm.body), _key: hidden(confirm.body, '_key'), reason: 'Tôi nộp nhầm thủ tục.' };
    const other = await binh.post(`/ho-so/${id}/rut`, { ...form, _csrf: csrfOf((await binh.get('/tra-cuu-ho-so')).body) });
    expect(other.status).toBe(404);
    const [one, two] = await Promise.all([an.post(`/ho-so/${id}/rut`, form), an.post(`/ho-so/${id}/rut`, form)]);
    expect([one.status, two.status]).toEqual([303, 303]);
    expect(one.location).toBe(`/ho-so/${id}?da_rut=1`);
    expect(await count("SELECT count(*) AS n FROM dossier_event WHERE dossier_id = $1 AND type = 'withdrawn'", [id])).toBe(1);
    const page = await an.get(`/ho-so/${id}?da_rut=1`);
    expect(page.body).toContain('Đã rút hồ sơ.');
    expect(page.body).toContain('Công dân yêu cầu rút hồ sơ');
    expect(page.body).toContain('Tôi nộp nhầm thủ tục.');
    expect(page.body).not.toContain(`href="/ho-so/${id}/rut"`);
    expect((await an.get(`/ho-so/${id}/rut`)).location).toBe(`/ho-so/${id}`);
    const english = await an.get(`/ho-so/${id}?lang=en`);
    expect(english.body).toContain('Withdrawn by the applicant');
    await an.get(`/ho-so/${id}?lang=vi`);
  });
});
