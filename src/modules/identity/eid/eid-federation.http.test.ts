import { createSign } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../../platform/db/embedded.ts';
import {
  buildPortalEidDevClient,
  driveEidDevLogin,
  EID_DEV_CITIZENS,
  generateEidDevSigningKeys,
  startEidDevProvider,
  type EidDevProvider,
} from './dev-provider/index.ts';
import { createEidClient, type EidFetch, type NationalEidPort } from './index.ts';

// The whole federation over real HTTP: openid-client (through our client) against the reference
// provider (oidc-provider), the login pages driven like a browser.

const logger = pino({ level: 'silent' });
const PORTAL = 'http://localhost:3999';
const CALLBACK = `${PORTAL}/dang-nhap/dinh-danh/callback`;
const signingKeys = generateEidDevSigningKeys();
const citizen = EID_DEV_CITIZENS[1]!;

/** Rewrites the ID token in token endpoint answers, as a man in the middle would. */
let rewriteIdToken: ((idToken: string) => string) | null = null;
const interceptingFetch: EidFetch = async (url, init) => {
  const response = await fetch(url, init);
  if (!rewriteIdToken || !url.endsWith('/token') || !response.ok) return response;
  const body = (await response.json()) as { id_token: string };
  const rewritten = { ...body, id_token: rewriteIdToken(body.id_token) };
  return new Response(JSON.stringify(rewritten), { status: response.status, headers: response.headers });
};

let provider: EidDevProvider;
let eid: NationalEidPort;

beforeAll(async () => {
  const port = await findFreePort();
  provider = await startEidDevProvider({
    port,
    host: '127.0.0.1',
    issuer: `http://127.0.0.1:${port}`,
    clients: [buildPortalEidDevClient({ portalOrigins: [PORTAL], clientSecret: 'test-secret' })],
    logger,
    signingKeys,
  });
  eid = createEidClient({ issuer: provider.issuer, clientId: 'opendvc-portal', clientSecret: 'test-secret', fetch: interceptingFetch });
});

afterAll(async () => {
  await provider?.stop();
});

async function loginAs(level: 'urn:vneid:loa:1' | 'urn:vneid:loa:2', acr = level) {
  const request = await eid.createAuthorizationRequest({ redirectUri: CALLBACK, acr });
  const callbackUrl = await driveEidDevLogin(request.url, { citizen: citizen.sub, level });
  return { request, callbackUrl };
}

let lastDetail = '';
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    lastDetail = (err as { detail?: string }).detail ?? '';
    return (err as { code?: string }).code ?? String(err);
  }
  return 'no failure';
}

describe('e-ID federation against the reference provider', () => {
  it('logs a test citizen in at level 2 and maps the claims', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    expect(request.url).toContain('code_challenge_method=S256');
    expect(callbackUrl.startsWith(`${CALLBACK}?`)).toBe(true);
    const result = await eid.completeAuthorization({ callbackUrl, expected: request });
    expect(result.acr).toBe('urn:vneid:loa:2');
    expect(result.subject).toBe(citizen.sub);
    expect(result.claims).toEqual({
      idNumber: citizen.personalId,
      fullName: 'Trần Thị Bình',
      birthdate: citizen.birthdate,
      gender: 'female',
      phone: citizen.phone,
      email: citizen.email,
      address: citizen.address.formatted,
    });
    expect(result.claimIssues).toEqual([]);
    expect(result.idToken.split('.')).toHaveLength(3);
  });
});

function flipSignatureByte(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[10] = bytes[10]! ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** Re-signs the provider's ID token with the provider's own RS256 test key, with other times. */
function resignWithTimes(jwt: string, times: { iat: number; exp: number }): string {
  const [header, payload] = jwt.split('.') as [string, string, string];
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string; alg: string };
  const key = signingKeys.find((k) => k.kid === kid);
  if (!key || alg !== 'RS256') throw new Error(`unexpected ID token key ${kid} ${alg}`);
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...times };
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = createSign('SHA256').update(signingInput).sign({ key: key as import('node:crypto').JsonWebKey, format: 'jwk' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

describe('e-ID federation: what is refused', () => {
  it('records the level the citizen chose, even below the one asked for', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:1', 'urn:vneid:loa:2');
    const result = await eid.completeAuthorization({ callbackUrl, expected: request });
    expect(result.acr).toBe('urn:vneid:loa:1');
  });

  it('refuses a forged state, before redeeming the code', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'forged-state');
    expect(await failureOf(eid.completeAuthorization({ callbackUrl: forged, expected: request }))).toBe('IDENTITY_EID_STATE_MISMATCH');
    const missing = new URL(callbackUrl);
    missing.searchParams.delete('state');
    expect(await failureOf(eid.completeAuthorization({ callbackUrl: missing, expected: request }))).toBe('IDENTITY_EID_STATE_MISMATCH');
    // The code was not spent: the genuine callback still completes.
    await expect(eid.completeAuthorization({ callbackUrl, expected: request })).resolves.toMatchObject({ subject: citizen.sub });
  });

  it('refuses an ID token carrying another nonce', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    const expected = { ...request, nonce: 'nonce-of-another-login' };
    expect(await failureOf(eid.completeAuthorization({ callbackUrl, expected }))).toBe('IDENTITY_EID_NONCE_MISMATCH');
  });

  it('is refused by the provider with the wrong PKCE code verifier', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    const expected = { ...request, codeVerifier: 'a-verifier-that-does-not-match-the-challenge-0123456789' };
    expect(await failureOf(eid.completeAuthorization({ callbackUrl, expected }))).toBe('IDENTITY_EID_PKCE_MISMATCH');
  });

  it('is refused by the provider when a code is used twice', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    await eid.completeAuthorization({ callbackUrl, expected: request });
    expect(await failureOf(eid.completeAuthorization({ callbackUrl, expected: request }))).toBe('IDENTITY_EID_CODE_REJECTED');
    expect(lastDetail).toMatch(/invalid_grant/);
  });

  it('refuses an ID token whose signature was tampered with', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    rewriteIdToken = flipSignatureByte;
    try {
      expect(await failureOf(eid.completeAuthorization({ callbackUrl, expected: request }))).toBe('IDENTITY_EID_ID_TOKEN_INVALID');
      expect(lastDetail).toMatch(/signature/);
    } finally {
      rewriteIdToken = null;
    }
  });

  it('refuses an expired ID token, though correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const fresh = await loginAs('urn:vneid:loa:2');
    rewriteIdToken = (t) => resignWithTimes(t, { iat: now - 5, exp: now + 300 });
    try {
      // The control: our own signature with fresh times is accepted, so only the times differ below.
      await expect(eid.completeAuthorization({ callbackUrl: fresh.callbackUrl, expected: fresh.request })).resolves.toMatchObject({ acr: 'urn:vneid:loa:2' });
      const stale = await loginAs('urn:vneid:loa:2');
      rewriteIdToken = (t) => resignWithTimes(t, { iat: now - 1200, exp: now - 600 });
      expect(await failureOf(eid.completeAuthorization({ callbackUrl: stale.callbackUrl, expected: stale.request }))).toBe('IDENTITY_EID_ID_TOKEN_EXPIRED');
      expect(lastDetail).toMatch(/"exp"/);
    } finally {
      rewriteIdToken = null;
    }
  });

  it('is refused by the provider for a redirect URI it does not know, without redirecting', async () => {
    const request = await eid.createAuthorizationRequest({ redirectUri: 'http://localhost:3999/somewhere-else' });
    const response = await fetch(request.url, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('reports a refused consent as access denied', async () => {
    const request = await eid.createAuthorizationRequest({ redirectUri: CALLBACK, prompt: 'login' });
    const other = EID_DEV_CITIZENS[4]!;
    const callbackUrl = await driveEidDevLogin(request.url, { citizen: other.sub, level: 'urn:vneid:loa:1', consent: false });
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');
    expect(await failureOf(eid.completeAuthorization({ callbackUrl, expected: request }))).toBe('IDENTITY_EID_ACCESS_DENIED');
  });

  it('reports another upstream error response as an upstream error', async () => {
    const request = await eid.createAuthorizationRequest({ redirectUri: CALLBACK });
    const callbackUrl = `${CALLBACK}?error=temporarily_unavailable&state=${request.state}&iss=${encodeURIComponent(provider.issuer)}`;
    expect(await failureOf(eid.completeAuthorization({ callbackUrl, expected: request }))).toBe('IDENTITY_EID_UPSTREAM_ERROR');
  });

  it('shows the login page again with an error for a wrong password', async () => {
    const request = await eid.createAuthorizationRequest({ redirectUri: CALLBACK, prompt: 'login' });
    await expect(driveEidDevLogin(request.url, { citizen: citizen.sub, level: 'urn:vneid:loa:2', password: 'wrong' })).rejects.toThrow(/answered 400.*Mật khẩu không đúng/);
  });

  it('is refused with a wrong client secret, and reports an unreachable provider', async () => {
    const { request, callbackUrl } = await loginAs('urn:vneid:loa:2');
    const impostor = createEidClient({ issuer: provider.issuer, clientId: 'opendvc-portal', clientSecret: 'not-the-secret' });
    expect(await failureOf(impostor.completeAuthorization({ callbackUrl, expected: request }))).toBe('IDENTITY_EID_UPSTREAM_ERROR');
    expect(lastDetail).toMatch(/invalid_client/);
    const nowhere = createEidClient({ issuer: `http://127.0.0.1:${await findFreePort()}`, clientId: 'x', clientSecret: 'y' });
    expect(await failureOf(nowhere.createAuthorizationRequest({ redirectUri: CALLBACK }))).toBe('IDENTITY_EID_UNAVAILABLE');
  });
});
