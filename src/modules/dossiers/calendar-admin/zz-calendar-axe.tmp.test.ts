import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, launchBrowser, screenshot, submit } from '../../../../test/e2e/browser.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';
import { decodeBase32, totp } from '../../identity/totp.workflow.ts';

// Temporary: axe over every state of the calendar pages (deleted after the run).
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let browser: Browser;

beforeAll(async () => {
  portal = await startTestPortal();
  await portal.app.modules.identity.accounts.addAccount(
    { type: 'official', email: 'quantri-lich@example.gov.vn', password: 'Quan-tri-he-thong-2026', agency: '000.00.00.G01', roles: ['system_admin'], fullName: 'Phạm Quản Trị' },
    { origin: { ip: '127.0.0.1', userAgent: 'test' } },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

it('calendar pages are axe-clean', async () => {
  const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  const failures: string[] = [];
  const check = async (name: string) => {
    await screenshot(page, `calendar-${name}`);
    for (const v of await axeViolations(page)) failures.push(`${name}: ${v}`);
  };
  await page.goto(`${portal.base}/dang-nhap?next=${encodeURIComponent('/quan-tri/lich-nghi')}`);
  await page.fill('#identifier', 'quantri-lich@example.gov.vn');
  await page.fill('#password', 'Quan-tri-he-thong-2026');
  await submit(page);
  const secret = (await page.textContent('.odvc-totp-secret'))!.replace(/\s+/g, '');
  await page.fill('#code', totp(decodeBase32(secret), new Date()));
  await submit(page);
  expect(new URL(page.url()).pathname).toBe('/quan-tri/lich-nghi');
  await check('list');
  await page.fill('#nam', 'abc');
  await submit(page, 'main form[method="get"] button');
  expect(await page.title()).toMatch(/^Lỗi: /);
  await check('list-error');
  await page.goto(`${portal.base}/quan-tri/lich-nghi/2026`);
  await check('year');
  await submit(page, 'form[action$="/ngay-nghi"] button');
  expect(await page.title()).toMatch(/^Lỗi: /);
  await check('year-errors');
  await page.fill('#offDate', '04/05/2026');
  await page.fill('#offName', 'Nghỉ hoán đổi');
  await page.check('input[name="offKind"][value="swap_off"]');
  await submit(page, 'form[action$="/ngay-nghi"] button');
  await page.fill('#workDate', '09/05/2026');
  await page.fill('#workReason', 'Làm bù');
  await submit(page, 'form[action$="/ngay-lam-viec"] button');
  await check('year-draft');
  await submit(page, 'form[action$="/phe-duyet"] button');
  await check('year-approved');
  await page.fill('#offDate', '31/12/2026');
  await page.fill('#offName', 'Thử');
  await page.check('input[name="offKind"][value="swap_off"]');
  await submit(page, 'form[action$="/ngay-nghi"] button');
  await page.fill('#note', 'x'.repeat(1001));
  await submit(page, 'form[action$="/phe-duyet"] button');
  expect(await page.title()).toMatch(/^Lỗi: /);
  await check('year-approve-error');
  await page.goto(`${portal.base}/quan-tri/lich-nghi/2026?lang=en`);
  await check('year-en');
  await page.goto(`${portal.base}/quan-tri/lich-nghi`);
  await check('list-en');
  expect(failures).toEqual([]);
});
