import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { startTestPortal } from '../support/portal.ts';
import { axeViolations, launchBrowser, screenshot } from './browser.ts';

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

describe('a citizen finds a procedure', () => {
  it('searches without diacritics from the home page and opens the procedure, on a phone, without JavaScript', async () => {
    const phone = { viewport: { width: 375, height: 812 }, locale: 'vi-VN' };
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await screenshot(page, 'home-mobile');
    const visited = [page.url()];

    await page.fill('input[name="q"]', 'doi giay phep lai xe');
    await Promise.all([page.waitForURL(/\/thu-tuc\?/), page.press('input[name="q"]', 'Enter')]);
    expect(await page.inputValue('input[name="q"]')).toBe('doi giay phep lai xe');
    await screenshot(page, 'results-mobile');
    visited.push(page.url());

    const first = page.locator('main a[href^="/thu-tuc/3."], main a[href^="/thu-tuc/1."], main a[href^="/thu-tuc/2."]').first();
    expect(await first.textContent()).toMatch(/giấy phép lái xe/i);
    await Promise.all([page.waitForURL(/\/thu-tuc\/\d\.\d{6}$/), first.click()]);
    const heading = await page.textContent('h1');
    expect(heading).toMatch(/giấy phép lái xe/i);
    expect(await page.textContent('main')).toMatch(/Ngày làm việc|ngày làm việc/);
    expect(fs.existsSync(await screenshot(page, 'procedure-mobile'))).toBe(true);
    visited.push(page.url());
    await context.close();

    // axe needs JavaScript in the page: check the same pages at the same size with it on.
    const checking = await browser.newContext(phone);
    const checker = await checking.newPage();
    for (const url of visited) {
      await checker.goto(url);
      expect(await axeViolations(checker), url).toEqual([]);
    }
    await checking.close();
  });

  it('filters results with the facets and pages through them (desktop, JavaScript on)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/thu-tuc?q=dang+ky`);
    const totalBefore = await page.locator('main').textContent();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/thu-tuc?q=dang+ky&level=commune`);
    expect(await page.locator('main').textContent()).not.toEqual(totalBefore);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'results-desktop');
    await context.close();
  });

  it('keeps every other catalog page free of axe violations, in Vietnamese and English', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const paths = ['/linh-vuc', '/co-quan', '/su-kien', '/su-kien/co-con-nho', '/thu-tuc/1.001193', '/thu-tuc?q=khai+sihn', '/thu-tuc?q=xyzxyz+qwerty', '/thu-tuc/9.999999', '/thu-tuc/1.001193?lang=en', '/?lang=en'];
    for (const p of paths) {
      const response = await page.goto(`${base}${p}`);
      expect(response!.status(), p).toBeLessThan(p.includes('9.999999') ? 500 : 400);
      expect(await axeViolations(page), p).toEqual([]);
    }
    await page.goto(`${base}/thu-tuc/9.999999?lang=vi`);
    expect(await page.textContent('h1')).toMatch(/Không tìm thấy/);
    await context.close();
  });
});
