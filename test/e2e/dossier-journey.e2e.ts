// The dossier journey in Debian's Chromium (issue 4, "Tests and checks"): a citizen applies with an upload, an
// official accepts and asks for a supplement, the citizen supplies it, the official approves and returns the result,
// the citizen sees it and rates it. The citizen works with JavaScript off on a 375 px phone; every page the two of them
// see is also loaded with JavaScript on (axe needs it) and must have zero axe violations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32, totp } from '../../src/modules/identity/totp.workflow.ts';
import type { TestApp } from '../support/app.ts';
import { startTestPortal } from '../support/portal.ts';
import { axeViolations, launchBrowser, screenshot, submit } from './browser.ts';

const PROCEDURE = '1.000236'; // Đăng ký tài khoản điện tử: one agency (Cục Quản lý xuất nhập cảnh), 3 working days
const CITIZEN = { email: 'cong.dan.e2e@example.vn', password: 'mat khau cong dan 2026', fullName: 'Nguyễn Thị Hương', idNumber: '001190012345' };
const OFFICIAL = { email: 'can.bo.e2e@example.gov.vn', password: 'mat khau can bo 2026' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestApp & { base: string };
let browser: Browser;
let filesDir: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-e2e-files-'));
  t = await startTestPortal({ FILES_DIR: filesDir });
  browser = await launchBrowser();
  const agency = await t.app.modules.catalog.service.getProcedure(PROCEDURE).then((p) => p.agencyRefs.find((a) => a.code)!.code!);
  const origin = { ip: '127.0.0.1', userAgent: 'e2e' };
  await t.app.modules.identity.accounts.addAccount({ type: 'citizen', ...CITIZEN }, { origin });
  await t.app.modules.identity.accounts.addAccount(
    { type: 'official', email: OFFICIAL.email, password: OFFICIAL.password, fullName: 'Trần Văn Tiếp Nhận', agency, roles: ['intake_officer', 'processing_officer', 'approver'] },
    { origin },
  );
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('a dossier from application to rating', () => {
  it('works end to end for a citizen without JavaScript and an official, and every page is axe-clean', async () => {
    const failures: string[] = [];
    const citizen = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const official = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    const c = await citizen.newPage();
    const o = await official.newPage();

    /** Screenshot of the page as it is, then axe on the same address loaded with JavaScript in the same session. */
    const check = async (context: BrowserContext, page: Page, name: string) => {
      await screenshot(page, `dossier-${name}`);
      const withScript = await browser.newContext({ storageState: await context.storageState(), viewport: page.viewportSize() ?? undefined });
      const probe = await withScript.newPage();
      await probe.goto(page.url());
      for (const v of await axeViolations(probe)) failures.push(`${name}: ${v}`);
      await withScript.close();
    };
    const path = (page: Page) => new URL(page.url()).pathname;

    // Citizen: the procedure page → start (log in first) → for myself → task list.
    await c.goto(`${t.base}/thu-tuc/${PROCEDURE}`);
    await c.click('a[href="/thu-tuc/1.000236/nop-ho-so"]');
    expect(path(c)).toBe('/dang-nhap');
    await c.fill('#identifier', CITIZEN.email);
    await c.fill('#password', CITIZEN.password);
    await submit(c);
    expect(path(c)).toBe(`/thu-tuc/${PROCEDURE}/nop-ho-so/bat-dau`);
    await check(citizen, c, 'start');
    await c.check('#forWhom');
    await submit(c);
    const dossierPath = path(c);
    expect(dossierPath).toMatch(/^\/ho-so\/[0-9a-f-]{36}$/);
    await check(citizen, c, 'task-list');

    // Applicant: prefilled name and ID number; the rest typed in. A bad phone first: error summary, input kept.
    await c.goto(`${t.base}${dossierPath}/nguoi-nop`);
    expect(await c.inputValue('#f-applicant_full_name')).toBe(CITIZEN.fullName);
    expect(await c.inputValue('#f-applicant_id_number')).toBe(CITIZEN.idNumber);
    await c.fill('#f-applicant_date_of_birth-day', '17');
    await c.fill('#f-applicant_date_of_birth-month', '5');
    await c.fill('#f-applicant_date_of_birth-year', '1990');
    await c.fill('#f-applicant_phone', '12');
    await c.selectOption('#f-applicant_permanent_address-provinceCode', { index: 1 });
    await submit(c, 'main button:has-text("Hiển thị xã, phường")');
    await c.selectOption('#f-applicant_permanent_address-communeCode', { index: 1 });
    await c.fill('#f-applicant_permanent_address-street', 'Số 8 phố Hàng Bài');
    await submit(c);
    expect(await c.title()).toMatch(/^Lỗi: /);
    expect(await c.inputValue('#f-applicant_date_of_birth-year')).toBe('1990');
    await check(citizen, c, 'applicant-errors');
    await c.fill('#f-applicant_phone', '0912345678');
    await submit(c);
    expect(await c.title()).not.toMatch(/^Lỗi: /);

    await c.goto(`${t.base}${dossierPath}/thong-tin`);
    await check(citizen, c, 'details');
    await c.fill('#f-request_summary', 'Đề nghị cấp tài khoản điện tử để nộp hồ sơ xuất nhập cảnh trực tuyến.');
    await submit(c);

    // Documents: a disguised file is refused by name, a real PDF for every required document is kept.
    await c.goto(`${t.base}${dossierPath}/giay-to`);
    await check(citizen, c, 'documents');
    const firstInput = c.locator('input[type="file"]').first();
    const firstId = (await firstInput.getAttribute('id'))!;
    await firstInput.setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await submit(c, `form:has(#${firstId}) button.govuk-button--secondary`);
    expect(await c.title()).toMatch(/^Lỗi: /);
    await check(citizen, c, 'documents-errors');
    const inputIds = await c.locator('input[type="file"]').evaluateAll((inputs) => inputs.map((i) => i.id));
    for (const [i, id] of inputIds.entries()) {
      await c.locator(`#${id}`).setInputFiles({ name: `giay-to-${i}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await submit(c, `form:has(#${id}) button.govuk-button--secondary`);
      expect(await c.title()).not.toMatch(/^Lỗi: /);
    }
    await submit(c);

    // Check answers → submit → receipt with the dossier code; the PDF of form 01 downloads.
    await c.goto(`${t.base}${dossierPath}/kiem-tra`);
    await check(citizen, c, 'check-answers');
    await submit(c);
    expect(path(c)).toBe(`${dossierPath}/bien-nhan`);
    const code = (await c.textContent('.govuk-panel__body'))!.match(/[A-Z0-9.]+-\d{6}-\d{4,5}/)![0];
    await check(citizen, c, 'receipt');
    const pdf = await c.request.get(`${t.base}${dossierPath}/bien-nhan.pdf`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Official: log in with two-step verification, find the dossier in the "new" queue, accept it, ask for more.
    await o.goto(`${t.base}/dang-nhap?next=${encodeURIComponent('/can-bo/ho-so')}`);
    await o.fill('#identifier', OFFICIAL.email);
    await o.fill('#password', OFFICIAL.password);
    await submit(o);
    const secret = (await o.textContent('.odvc-totp-secret'))!.replace(/\s+/g, '');
    await o.fill('#code', totp(decodeBase32(secret), new Date()));
    await submit(o);
    expect(path(o)).toBe('/can-bo/ho-so');
    expect(await o.textContent('main')).toContain(code);
    await check(official, o, 'queue');
    const officePath = `/can-bo${dossierPath}`;
    await o.goto(`${t.base}${officePath}`);
    await check(official, o, 'office-dossier');
    await o.goto(`${t.base}${officePath}/tiep-nhan`);
    await check(official, o, 'office-accept');
    await submit(o);
    expect(await o.textContent('main')).toContain('Được tiếp nhận');
    await o.goto(`${t.base}${officePath}/yeu-cau-bo-sung`);
    await submit(o);
    expect(await o.title()).toMatch(/^Lỗi: /);
    await check(official, o, 'office-supplement-errors');
    await o.fill('#name-0', 'Văn bản đề nghị cấp tài khoản điện tử (NA19) có chữ ký');
    await o.fill('#reason-0', 'Bản đã nộp chưa có chữ ký của người đề nghị');
    await submit(o);
    expect(await o.textContent('main')).toContain('Yêu cầu bổ sung giấy tờ');

    // Citizen: sees the request on the dossier page and supplies the signed document.
    await c.goto(`${t.base}${dossierPath}`);
    expect(await c.textContent('main')).toContain('Yêu cầu bổ sung giấy tờ');
    await check(citizen, c, 'dossier-supplement-requested');
    await c.goto(`${t.base}${dossierPath}/bo-sung`);
    await check(citizen, c, 'supplement');
    await c.locator('input[type="file"]').first().setInputFiles({ name: 'na19-co-chu-ky.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(c);
    expect(await c.title()).not.toMatch(/^Lỗi: /);

    // Official: forward, approve with the result attached, return it.
    await o.goto(`${t.base}${officePath}/chuyen-xu-ly`);
    await check(official, o, 'office-forward');
    await submit(o);
    await o.goto(`${t.base}${officePath}/phe-duyet`);
    await check(official, o, 'office-approve');
    await o.fill('#resultText', 'Đã cấp tài khoản điện tử.');
    await o.locator('#files').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(o);
    expect(await o.textContent('main')).toContain('Đã xử lý xong');
    await o.goto(`${t.base}${officePath}/tra-ket-qua`);
    await submit(o);
    expect(await o.textContent('main')).toContain('Đã trả kết quả');
    await check(official, o, 'office-returned');

    // Citizen: the result is there; rate the service once.
    await c.goto(`${t.base}${dossierPath}`);
    expect(await c.textContent('main')).toContain('Đã cấp tài khoản điện tử.');
    await check(citizen, c, 'dossier-returned');
    await c.goto(`${t.base}${dossierPath}/danh-gia`);
    await check(citizen, c, 'rating');
    for (const name of ['deskContacts', 'agenciesContacted', 'staffConduct', 'easeOfUse', 'overall']) await c.check(`#${name}`);
    await submit(c);
    expect(await c.title()).not.toMatch(/^Lỗi: /);
    await c.goto(`${t.base}/tai-khoan/ho-so`);
    await check(citizen, c, 'my-dossiers');

    // Anyone: the public lookup by code and ID number.
    await c.goto(`${t.base}/tra-cuu-ho-so`);
    await c.fill('#code', code);
    await c.fill('#idNumber', CITIZEN.idNumber);
    await submit(c);
    expect(await c.textContent('main')).toContain('Đã trả kết quả');
    await screenshot(c, 'dossier-lookup-result');

    const rating = await t.database.db.selectFrom('dossier_rating').select('scores').executeTakeFirst();
    expect(rating).toBeDefined();
    expect(failures).toEqual([]);
    await citizen.close();
    await official.close();
  });
});
