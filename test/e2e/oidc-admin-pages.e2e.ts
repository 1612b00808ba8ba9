import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32, totp } from '../../src/modules/identity/totp.workflow.ts';
import { startTestPortal } from '../support/portal.ts';
import { startSamplePortal, type SamplePortal } from '../support/sample-portal.ts';
import { axeViolations, launchBrowser, screenshot, submit } from './browser.ts';

// A system administrator (an official: two-step verification required) registers a portal in the
// client registry; then a person meets the consent page of a non-government portal and the
// logout page a portal's logout leads to. axe checks every one of these pages.
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let outsidePortal: SamplePortal;
let browser: Browser;

beforeAll(async () => {
  portal = await startTestPortal();
  const origin = { origin: { ip: '127.0.0.1', userAgent: 'test' } };
  await portal.app.modules.identity.accounts.addAccount({ type: 'official', email: 'quantri@example.gov.vn', password: 'Quan-tri-he-thong-2026', agency: '000.00.00.G01', roles: ['system_admin'], fullName: 'Phạm Quản Trị' }, origin);
  await portal.app.modules.identity.accounts.addAccount({ type: 'citizen', email: 'chi.vo@example.vn', password: 'Mua-xuan-tren-pho-2026', fullName: 'Võ Thị Chi' }, origin);
  outsidePortal = await startSamplePortal({ issuer: portal.app.oidc.issuer, name: 'Dịch vụ ngoài nhà nước' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await outsidePortal?.close();
  await portal?.close();
});

describe('provider and registry pages', () => {
  it('lets a system administrator register a portal, and shows consent and logout pages, all axe-clean', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const failures: string[] = [];
    const check = async (name: string) => {
      await screenshot(page, `oidc-${name}`);
      for (const v of await axeViolations(page)) failures.push(`${name}: ${v}`);
    };

    // The official logs in and must set up two-step verification first.
    await page.goto(`${portal.base}/dang-nhap?next=${encodeURIComponent('/quan-tri/ung-dung')}`);
    await page.fill('#identifier', 'quantri@example.gov.vn');
    await page.fill('#password', 'Quan-tri-he-thong-2026');
    await submit(page);
    const secret = (await page.textContent('.odvc-totp-secret'))!.replace(/\s+/g, '');
    await page.fill('#code', totp(decodeBase32(secret), new Date()));
    await submit(page);
    expect(new URL(page.url()).pathname).toBe('/quan-tri/ung-dung');
    await check('clients');

    await page.goto(`${portal.base}/quan-tri/ung-dung/moi`);
    await check('client-new');
    await submit(page);
    expect(await page.title()).toMatch(/^Lỗi: /);
    await check('client-new-errors');
    await page.fill('#name', 'Dịch vụ ngoài nhà nước');
    await page.check('input[name="kind"][value="portal"]');
    await page.fill('#redirectUris', outsidePortal.callbackUrl);
    await page.fill('#postLogoutRedirectUris', `${outsidePortal.base}/`);
    await page.fill('#backchannelLogoutUri', outsidePortal.backchannelUrl);
    for (const box of await page.locator('input[name="scopes"]').all()) await box.check();
    await submit(page);
    await check('client-secret');
    const text = (await page.textContent('main'))!;
    const clientId = /dvc-[A-Za-z0-9_-]+/.exec(text)![0];
    const clientSecret = /[A-Za-z0-9_-]{43}/.exec(text.replace(clientId, ''))![0];
    await outsidePortal.configure(clientId, clientSecret);
    await page.goto(`${portal.base}/quan-tri/ung-dung`);
    expect(await page.textContent('main')).toContain(clientId);
    await context.close();

    // A citizen meets the consent page of that (non-government) portal, then its logout page.
    const citizen = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 } });
    const person = await citizen.newPage();
    await person.goto(`${outsidePortal.base}/login`);
    await person.fill('#identifier', 'chi.vo@example.vn');
    await person.fill('#password', 'Mua-xuan-tren-pho-2026');
    await Promise.all([person.waitForURL(/\/dang-nhap\/uy-quyen\//), person.locator('main button[type="submit"]').last().click()]);
    for (const v of await axeViolations(person)) failures.push(`consent: ${v}`);
    await screenshot(person, 'oidc-consent');
    await person.click('button[value="allow"]');
    await person.waitForLoadState('load');
    if (!person.url().startsWith(outsidePortal.base)) await screenshot(person, 'oidc-consent-after');
    expect(person.url()).toBe(`${outsidePortal.base}/`);
    expect(await person.textContent('#who')).toContain('Võ Thị Chi');
    await Promise.all([person.waitForURL(/\/oidc\/session\/end/), person.goto(`${outsidePortal.base}/logout`)]);
    for (const v of await axeViolations(person)) failures.push(`logout: ${v}`);
    await screenshot(person, 'oidc-logout');
    await Promise.all([person.waitForURL(`${outsidePortal.base}/`), person.click('button[name="logout"]')]);
    expect(await person.textContent('#who')).toContain('Chưa đăng nhập');
    await citizen.close();

    expect(failures).toEqual([]);
  });
});
