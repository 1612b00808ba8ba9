import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, hiddenField } from '../../../../test/support/http-browser.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';
import { startSamplePortal, type SamplePortal } from '../../../../test/support/sample-portal.ts';

// Two agency portals log people in through OpenDVC. openid-client (not our code) is the relying
// party; a cookie-keeping HTTP client plays the person's browser through OpenDVC's real pages.
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let governmentPortal: SamplePortal;
let otherPortal: SamplePortal;
let browser: HttpBrowser;
const person = { email: 'an.nguyen@example.vn', password: 'Hoa-sen-no-tren-ho-2026', fullName: 'Nguyễn Văn An' };

async function registerPortal(rp: SamplePortal, firstParty: boolean) {
  const { clientId, clientSecret } = await portal.app.oidc.clients.register({
    name: firstParty ? 'Cổng DVC tỉnh Thử nghiệm' : 'Dịch vụ ngoài nhà nước',
    redirectUris: [rp.callbackUrl],
    postLogoutRedirectUris: [`${rp.base}/`],
    backchannelLogoutUri: rp.backchannelUrl,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'id_number'],
    firstParty,
  });
  await rp.configure(clientId, clientSecret);
  return { clientId, clientSecret };
}

let governmentClient: { clientId: string; clientSecret: string };

beforeAll(async () => {
  portal = await startTestPortal();
  await portal.app.modules.identity.accounts.addAccount(
    { type: 'citizen', email: person.email, password: person.password, fullName: person.fullName, idNumber: '001090012345' },
    { origin: { ip: '127.0.0.1', userAgent: 'test' } },
  );
  governmentPortal = await startSamplePortal({ issuer: portal.app.oidc.issuer, name: 'Cổng DVC tỉnh Thử nghiệm' });
  otherPortal = await startSamplePortal({ issuer: portal.app.oidc.issuer, name: 'Dịch vụ ngoài nhà nước' });
  governmentClient = await registerPortal(governmentPortal, true);
  await registerPortal(otherPortal, false);
  browser = new HttpBrowser();
});

afterAll(async () => {
  await governmentPortal?.close();
  await otherPortal?.close();
  await portal?.close();
});

const loginPage = () => `${portal.base}/dang-nhap`;

describe('OpenDVC as the single sign-on of agency portals', () => {
  it('logs a person into a portal with authorization code + PKCE through OpenDVC’s login page', async () => {
    const start = await browser.go(`${governmentPortal.base}/login`);
    expect(start.url.startsWith(`${loginPage()}?next=`)).toBe(true);
    const done = await browser.go(loginPage(), {
      form: { identifier: person.email, password: person.password, _csrf: hiddenField(start.html, '_csrf') },
    });
    expect(done.url).toBe(`${governmentPortal.base}/`);
    expect(done.html).toContain(`Xin chào ${person.fullName}`);
    const session = [...governmentPortal.sessions.values()][0]!;
    expect(session.sid).toBeTruthy();
    expect(session.refreshToken).toBeTruthy();
  });

  it('refreshes tokens, serves userinfo by scope, introspects and revokes', async () => {
    const config = await client.discovery(new URL(portal.app.oidc.issuer), governmentClient.clientId, undefined, client.ClientSecretBasic(governmentClient.clientSecret), {
      execute: [client.allowInsecureRequests],
    });
    const session = [...governmentPortal.sessions.values()][0]!;
    const refreshed = await client.refreshTokenGrant(config, session.refreshToken!);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(session.refreshToken);
    const info = await client.fetchUserInfo(config, refreshed.access_token, session.sub);
    expect(info).toMatchObject({ name: person.fullName, email: person.email, email_verified: true, personal_id: '001090012345' });
    expect(info).not.toHaveProperty('address');
    expect((await client.tokenIntrospection(config, refreshed.refresh_token!)).active).toBe(true);
    // The rotated-away refresh token was consumed; using it again is refused.
    await expect(client.refreshTokenGrant(config, session.refreshToken!)).rejects.toThrow();
    await client.tokenRevocation(config, refreshed.refresh_token!);
    expect((await client.tokenIntrospection(config, refreshed.refresh_token!)).active).toBe(false);
    // The code exchange and the refresh are in the audit trail, under the person's account.
    await portal.app.oidc.settleGrantAudits();
    const { rows } = await portal.database.pool.query(
      "SELECT account_id, details->>'grantType' AS grant FROM identity_audit WHERE action = 'oidc.token_granted' AND details->>'clientId' = $1 ORDER BY id",
      [governmentClient.clientId],
    );
    expect(rows).toEqual([
      { account_id: session.sub, grant: 'authorization_code' },
      { account_id: session.sub, grant: 'refresh_token' },
    ]);
  });

  it('lets the same browser into a second portal without the password, asking consent for a non-government one', async () => {
    const before = browser.visited.length;
    const consent = await browser.go(`${otherPortal.base}/login`);
    expect(consent.url).toMatch(/\/dang-nhap\/uy-quyen\/[^/]+$/);
    expect(consent.html).toContain('Dịch vụ ngoài nhà nước muốn dùng tài khoản của bạn');
    expect(browser.visited.slice(before).filter((u) => u === loginPage() || u.startsWith(`${loginPage()}?`))).toEqual([]);
    const done = await browser.go(`${consent.url}/dong-y`, { form: { decision: 'allow', _csrf: hiddenField(consent.html, '_csrf') } });
    expect(done.html).toContain(`Xin chào ${person.fullName}`);
  });

  it('logs out everywhere when one portal starts the logout: back-channel to the others, OpenDVC session ended', async () => {
    const confirm = await browser.go(`${governmentPortal.base}/logout`);
    expect(confirm.url).toContain('/oidc/session/end');
    expect(confirm.html).toContain('Đăng xuất khỏi các cổng dịch vụ công?');
    const action = /<form[^>]+id="op.logoutForm"[^>]*action="([^"]+)"/.exec(confirm.html)?.[1] ?? /action="([^"]+)"[^>]*id="op.logoutForm"/.exec(confirm.html)?.[1];
    const done = await browser.go(new URL(action!.replace(/&amp;/g, '&'), confirm.url).href, { form: { xsrf: hiddenField(confirm.html, 'xsrf'), logout: 'yes' } });
    expect(done.url).toBe(`${governmentPortal.base}/`);
    expect(done.html).toContain('Chưa đăng nhập');
    expect(otherPortal.logoutTokens).toHaveLength(1);
    expect(otherPortal.sessions.size).toBe(0);
    // The portal-started logout ended the OpenDVC session too.
    await new Promise((r) => setTimeout(r, 100));
    const account = await browser.go(`${portal.base}/tai-khoan`);
    expect(account.url.startsWith(loginPage())).toBe(true);
  });

  it('"log out everywhere" on OpenDVC reaches every portal over the back channel', async () => {
    const start = await browser.go(`${governmentPortal.base}/login`);
    await browser.go(loginPage(), { form: { identifier: person.email, password: person.password, _csrf: hiddenField(start.html, '_csrf') } });
    expect(governmentPortal.sessions.size).toBe(1);
    const received = governmentPortal.logoutTokens.length;
    const sessionsPage = await browser.go(`${portal.base}/tai-khoan/phien-dang-nhap`);
    await browser.go(`${portal.base}/tai-khoan/phien-dang-nhap/dang-xuat-tat-ca`, { form: { _csrf: hiddenField(sessionsPage.html, '_csrf') } });
    expect(governmentPortal.logoutTokens.length).toBe(received + 1);
    expect(governmentPortal.sessions.size).toBe(0);
  });
});
