import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, hiddenField } from '../../../../test/support/http-browser.ts';
import { startTestPortal } from '../../../../test/support/portal.ts';

// What the provider refuses, checked on the wire: each answer is the OAuth error a portal's
// library expects, and nothing is issued.
let portal: Awaited<ReturnType<typeof startTestPortal>>;
let clientId: string;
let clientSecret: string;
const redirectUri = 'http://127.0.0.1:9/callback';
const person = { email: 'binh.le@example.vn', password: 'Trang-ram-tren-song-2026' };

beforeAll(async () => {
  portal = await startTestPortal();
  await portal.app.modules.identity.accounts.addAccount({ type: 'citizen', email: person.email, password: person.password }, { origin: { ip: '127.0.0.1', userAgent: 'test' } });
  ({ clientId, clientSecret } = await portal.app.oidc.clients.register({ name: 'Cổng thử', redirectUris: [redirectUri], firstParty: true }));
});

afterAll(async () => {
  await portal?.close();
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(`${portal.app.oidc.issuer}/auth`);
  for (const [k, v] of Object.entries({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri, state: 's', nonce: 'n', ...params })) url.searchParams.set(k, v);
  return url.href;
}

async function token(form: Record<string, string>, secret = clientSecret) {
  const res = await fetch(`${portal.app.oidc.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}` },
    body: new URLSearchParams({ redirect_uri: redirectUri, ...form }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** Logs in through the real pages and returns the authorization code the portal would receive. */
async function codeFor(challenge: string): Promise<string> {
  const browser = new HttpBrowser();
  const stop = (next: string) => next.startsWith(redirectUri);
  const login = await browser.go(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), {}, stop);
  const done = await browser.go(`${portal.base}/dang-nhap`, { form: { identifier: person.email, password: person.password, _csrf: hiddenField(login.html, '_csrf') } }, stop);
  const code = new URL(done.url).searchParams.get('code');
  if (!code) throw new Error(`no code, ended at ${done.url}`);
  return code;
}

describe('the provider refuses bad requests', () => {
  it('refuses an unregistered redirect URI without redirecting anywhere', async () => {
    const res = await fetch(authorizeUrl({ redirect_uri: 'https://attacker.example/cb', code_challenge: pkce().challenge, code_challenge_method: 'S256' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('requires PKCE', async () => {
    const res = await fetch(authorizeUrl({}), { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a PKCE mismatch, then a reused code, and a wrong client secret', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect(await token({ grant_type: 'authorization_code', code, code_verifier: pkce().verifier }, 'wrong-secret')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await token({ grant_type: 'authorization_code', code, code_verifier: pkce().verifier })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // The mismatch spent nothing it should not have: with the right verifier a fresh code works once.
    const second = pkce();
    const fresh = await codeFor(second.challenge);
    const ok = await token({ grant_type: 'authorization_code', code: fresh, code_verifier: second.verifier });
    expect(ok.status).toBe(200);
    expect(ok.body.id_token).toBeTruthy();
    const reused = await token({ grant_type: 'authorization_code', code: fresh, code_verifier: second.verifier });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Reusing a code revokes what it issued (RFC 6749 §4.1.2).
    const userinfo = await fetch(`${portal.app.oidc.issuer}/me`, { headers: { authorization: `Bearer ${ok.body.access_token}` } });
    expect(userinfo.status).toBe(401);
    expect(verifier).not.toBe(second.verifier);
  });

  it('refuses a disabled portal at the authorization endpoint', async () => {
    const other = await portal.app.oidc.clients.register({ name: 'Cổng đã tắt', redirectUris: [redirectUri] });
    await portal.app.oidc.clients.setDisabled(other.clientId, true);
    const res = await fetch(authorizeUrl({ client_id: other.clientId, code_challenge: pkce().challenge, code_challenge_method: 'S256' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid_client');
  });
});
