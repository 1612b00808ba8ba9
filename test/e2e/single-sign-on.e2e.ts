import type { Browser, Page } from 'playwright-core';
import type { Runner } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../src/platform/jobs/worker.ts';
import { createWorkerTasks } from '../../src/worker.tasks.ts';
import { startTestPortal } from '../support/portal.ts';
import { startSamplePortal, type SamplePortal } from '../support/sample-portal.ts';
import { axeViolations, launchBrowser, screenshot, submit } from './browser.ts';

// A citizen registers on OpenDVC, verifies with the code the portal mailed (the real worker and
// notifications deliver it to the development mailbox), logs in, enters an agency portal without
// typing the password again, then logs out everywhere — and is logged out of that portal too.
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let agencyPortal: SamplePortal;
let worker: Runner;
let browser: Browser;
const email = 'lan.tran@example.vn';
const password = 'Sen-vang-mua-thu-2026';

beforeAll(async () => {
  portal = await startTestPortal();
  const logger = pino({ level: 'silent' });
  worker = await startWorker({ pool: portal.database.pool, tasks: createWorkerTasks(portal.database.db, portal.app.modules, logger), logger });
  agencyPortal = await startSamplePortal({ issuer: portal.app.oidc.issuer, name: 'Cổng Dịch vụ công tỉnh Thử nghiệm' });
  const { clientId, clientSecret } = await portal.app.oidc.clients.register({
    name: 'Cổng Dịch vụ công tỉnh Thử nghiệm',
    redirectUris: [agencyPortal.callbackUrl],
    postLogoutRedirectUris: [`${agencyPortal.base}/`],
    backchannelLogoutUri: agencyPortal.backchannelUrl,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'id_number'],
    firstParty: true,
  });
  await agencyPortal.configure(clientId, clientSecret);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await agencyPortal?.close();
  await portal?.close();
});

/** The newest code mailed to `to`, as the development mailbox shows it (waits for the worker). */
async function mailedCode(to: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const box = (await (await fetch(`${portal.base}/dev/mailbox.json?to=${encodeURIComponent(to)}`)).json()) as { messages: Array<{ body: string }> };
    const code = /\b(\d{6})\b/.exec(box.messages[0]?.body ?? '')?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code mailed to ${to}`);
}

describe('single sign-on journey', () => {
  it('registers, verifies, logs in, enters an agency portal without the password, logs out everywhere', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const failures: string[] = [];
    const check = async (name: string) => {
      await screenshot(page, `sso-${name}`);
      for (const v of await axeViolations(page)) failures.push(`${name}: ${v}`);
    };

    await page.goto(`${portal.base}/dang-ky`);
    await check('register');
    await page.check('input[value="citizen"]');
    await page.fill('#contact', email);
    await page.fill('#password', password);
    await submit(page);
    await check('verify');
    await page.fill('#code', await mailedCode(email));
    await submit(page);
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await check('login');
    await page.fill('#identifier', email);
    await page.fill('#password', password);
    await submit(page);
    expect(new URL(page.url()).pathname).toBe('/tai-khoan');
    await check('account');

    // The agency portal: one click, no password page.
    await page.goto(`${agencyPortal.base}/`);
    await check('agency-portal-anonymous');
    await Promise.all([page.waitForURL(`${agencyPortal.base}/`), page.click('#login')]);
    expect(await page.textContent('#who')).toContain('Xin chào');
    await check('agency-portal-signed-in');
    expect(agencyPortal.sessions.size).toBe(1);

    await page.goto(`${portal.base}/tai-khoan/phien-dang-nhap`);
    await check('sessions');
    await submit(page, 'form[action="/tai-khoan/phien-dang-nhap/dang-xuat-tat-ca"] button');
    await page.goto(`${agencyPortal.base}/`);
    expect(await page.textContent('#who')).toContain('Chưa đăng nhập');
    expect(agencyPortal.logoutTokens).toHaveLength(1);
    await page.goto(`${portal.base}/tai-khoan`);
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');

    expect(failures).toEqual([]);
    await context.close();
  });
});
