import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { startTestPortal } from '../support/portal.ts';
import { axeViolations, launchBrowser, screenshot, submit } from './browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const portal = await startTestPortal();
  t = portal;
  base = portal.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function latestCode(to: string): Promise<string> {
  const { rows } = await t.database.pool.query<{ code: string }>(
    "SELECT payload->>'code' AS code FROM platform_event WHERE type = 'identity.verification_code_issued' AND payload->>'to' = $1 ORDER BY occurred_at DESC LIMIT 1",
    [to],
  );
  return rows[0]!.code;
}

async function check(page: Page, name: string, failures: string[]): Promise<void> {
  await screenshot(page, `identity-${name}`);
  for (const v of await axeViolations(page)) failures.push(`${name}: ${v}`);
}

// axe needs script in the page, so this journey runs with JavaScript on; the forms post plainly either way.
describe('account pages', () => {
  it('registers, verifies, logs in and opens every account page, with and without errors; axe finds nothing', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const failures: string[] = [];

    await page.goto(`${base}/dang-ky`);
    await check(page, 'register', failures);
    await submit(page);
    expect(await page.title()).toMatch(/^Lỗi: /);
    await check(page, 'register-errors', failures);
    await page.check('input[value="citizen"]');
    await page.fill('#contact', 'e2e@example.vn');
    await page.fill('#password', 'mat khau cua toi 2026');
    await submit(page);
    expect(new URL(page.url()).pathname).toBe('/dang-ky/xac-minh');
    await check(page, 'verify', failures);
    await page.fill('#code', await latestCode('e2e@example.vn'));
    await submit(page);

    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await check(page, 'login', failures);
    await page.fill('#identifier', 'e2e@example.vn');
    await page.fill('#password', 'mat khau cua toi 2026');
    await submit(page);
    expect(new URL(page.url()).pathname).toBe('/tai-khoan');
    await check(page, 'account', failures);

    for (const path of ['/tai-khoan/thong-tin', '/tai-khoan/dia-chi/thuong-tru?tinh=01', '/tai-khoan/phien-dang-nhap', '/tai-khoan/bao-mat', '/tai-khoan/lien-he', '/dang-nhap/dinh-danh', '/quen-mat-khau']) {
      await page.goto(`${base}${path}`);
      await check(page, path.replace(/[/?=]/g, '_'), failures);
    }
    await page.goto(`${base}/tai-khoan/thong-tin`);
    await page.fill('#idNumber', '12345');
    await submit(page);
    await check(page, 'details-errors', failures);
    expect(failures).toEqual([]);
    await context.close();
  });
});
