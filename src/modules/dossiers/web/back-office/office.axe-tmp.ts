import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestPortal } from '../../../../../test/support/portal.ts';
import type { TestApp } from '../../../../../test/support/app.ts';
import { citizen, official, readyDraft, twoAgencies, PROCEDURE } from '../../../../../test/support/dossier-fixtures.ts';
import { axeViolations, launchBrowser, screenshot } from '../../../../../test/e2e/browser.ts';
import { totpCode } from './back-office.test-support.ts';

let t: TestApp & { base: string };
let browser: Browser;
beforeAll(async () => { t = await startTestPortal(); browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); await t?.close(); });

async function check(page: Page, url: string, name: string, out: string[]) {
  await page.goto(`${t.base}${url}`);
  await screenshot(page, `office-${name}`);
  const v = await axeViolations(page);
  for (const x of v) out.push(`${url}: ${x}`);
}

it('axe on back-office pages', async () => {
  const [a] = await twoAgencies(t.app);
  const officer = await official(t.app, a, ['intake_officer', 'processing_officer', 'approver'], 'Phạm Thu Hà');
  await official(t.app, a, ['processing_officer'], 'Đỗ Minh Quân');
  const person = await citizen(t.app);
  const d1 = await t.app.modules.dossiers.drafts.submit(person.actor, (await readyDraft(t.app, person, a)).id);
  const d2 = await t.app.modules.dossiers.drafts.submit(person.actor, (await readyDraft(t.app, person, a)).id);
  await t.app.modules.dossiers.actions.act(officer.actor, d2.id, 'accept', {});
  await t.app.modules.dossiers.actions.act(officer.actor, d2.id, 'note', { text: 'Ghi chú nội bộ' });
  await t.app.modules.dossiers.actions.act(officer.actor, d2.id, 'request_supplement', { items: [{ name: 'Giấy A', reason: 'Thiếu' }] });
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(`${t.base}/dang-nhap`);
  await page.fill('#identifier', officer.account.email!);
  await page.fill('#password', officer.password);
  await Promise.all([page.waitForURL(/xac-thuc-hai-buoc/), page.click('main button[type="submit"]')]);
  const secret = await page.textContent('.odvc-totp-secret');
  await page.fill('#code', totpCode(secret!.trim()));
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[type="submit"]')]);
  const out: string[] = [];
  await check(page, '/can-bo/ho-so', 'queue', out);
  await check(page, '/can-bo/ho-so?hang-doi=all&lang=en', 'queue-en', out);
  await check(page, '/can-bo/ho-so?hang-doi=all&thu-tuc=abc&lang=vi', 'queue-error', out);
  await check(page, `/can-bo/ho-so/${d1.id}?da-xong=tiep-nhan`, 'dossier', out);
  await check(page, `/can-bo/ho-so/${d2.id}`, 'dossier2', out);
  const files = await page.locator('table').last().boundingBox();
  await page.screenshot({ path: 'test-results/office-files-clip.png', clip: { x: 0, y: Math.max(0, files!.y - 400), width: 375, height: 1200 }, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${t.base}/can-bo/ho-so/${d2.id}`);
  await page.screenshot({ path: 'test-results/office-dossier-desktop.png', fullPage: true });
  await page.goto(`${t.base}/can-bo/ho-so?hang-doi=all`);
  await page.screenshot({ path: 'test-results/office-queue-desktop.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  for (const slug of ['tiep-nhan', 'yeu-cau-bo-sung', 'tu-choi', 'ghi-chu', 'phan-cong']) await check(page, `/can-bo/ho-so/${d1.id}/${slug}`, slug, out);
  for (const slug of ['gia-han']) await check(page, `/can-bo/ho-so/${d2.id}/${slug}`, slug, out);
  await check(page, `/can-bo/ho-so/${d2.id}/tra-ket-qua`, 'unavailable', out);
  // error states
  await page.goto(`${t.base}/can-bo/ho-so/${d1.id}/yeu-cau-bo-sung`);
  await page.fill('#name-0', 'Giấy xác nhận');
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[type="submit"]:not(.govuk-button--secondary)')]);
  await screenshot(page, 'office-supplement-error');
  for (const x of await axeViolations(page)) out.push(`supplement error: ${x}`);
  await page.goto(`${t.base}/can-bo/ho-so/${d1.id}/yeu-cau-bo-sung`);
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[name="addRows"]')]);
  for (const x of await axeViolations(page)) out.push(`supplement add rows: ${x}`);
  await check(page, '/can-bo/ho-so/tiep-nhan-truc-tiep', 'desk-choose', out);
  await check(page, `/can-bo/ho-so/tiep-nhan-truc-tiep?thu-tuc=${PROCEDURE}&co-quan=${a}&kenh=in_person`, 'desk-details', out);
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[type="submit"]:not(.govuk-button--secondary)')]);
  await screenshot(page, 'office-desk-errors');
  for (const x of await axeViolations(page)) out.push(`desk errors: ${x}`);
  await page.selectOption('#applicant_permanent_address-provinceCode', { index: 1 });
  await Promise.all([page.waitForLoadState('domcontentloaded'), page.click('main button[name="refresh"]')]);
  for (const x of await axeViolations(page)) out.push(`desk refresh: ${x}`);
  await check(page, `/can-bo/ho-so/tiep-nhan-truc-tiep?thu-tuc=abc&co-quan=${a}&kenh=in_person`, 'desk-choose-error', out);
  console.log(out.join('\n'));
  expect(out).toEqual([]);
});
