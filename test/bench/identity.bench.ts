// Identity under load, against a hello-world route of the same server, in one run: the token
// endpoint (client_credentials), a protected API called with that JWT, userinfo with a person's
// access token, and the argon2id cost behind every password login.
// Run by hand: npm run bench -- identity   (issue 3, "Benchmark"; BENCH_SECONDS per figure, default 10)
import os from 'node:os';
import autocannon from 'autocannon';
import * as client from 'openid-client';
import { ARGON2_PARAMETERS, createArgon2Hasher } from '../../src/modules/identity/adapters/argon2.ts';
import { HttpBrowser, hiddenField } from '../support/http-browser.ts';
import { startSamplePortal } from '../support/sample-portal.ts';
import { measure, printFigures, startBenchServer, type BenchFigures } from './bench-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const person = { email: 'bench.citizen@example.vn', password: 'Hoa-sen-no-tren-ho-2026', fullName: 'Nguyễn Văn Đo' };

/** measure() for one fixed request with a method, headers and a body. */
async function measureRequest(name: string, base: string, request: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }, duration: number): Promise<BenchFigures> {
  const result = await autocannon({ url: base, connections: 32, duration, requests: [request] });
  return { name, requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** Operations per second of `op` run back to back by `workers` concurrent callers for `duration` seconds. */
async function rate(op: () => Promise<unknown>, workers: number, duration: number): Promise<{ perSecond: number; msEach: number }> {
  const end = performance.now() + duration * 1000;
  const started = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        await op();
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: done / elapsed, msEach: (elapsed * 1000 * workers) / done };
}

// Not production mode: the sample portal's http://127.0.0.1 redirect URI and the provider's
// cookies over plain HTTP need it. Nothing on these paths runs differently (views are cached
// outside development; the logger is the same).
const server = await startBenchServer({ NODE_ENV: 'test' });
const { app, base } = server;
try {
  if (app.oidc.issuer !== `${base}/oidc`) throw new Error(`issuer ${app.oidc.issuer} is not served at ${base}`);

  // (1)+(2): an agency system's client_credentials token, and the protected API it unlocks.
  const agency = await app.oidc.clients.register({ name: 'Hệ thống một cửa (bench)', grants: ['client_credentials'], scopes: ['api:sync'] });
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(agency.clientId)}:${encodeURIComponent(agency.clientSecret)}`).toString('base64')}`;
  const tokenRequest = {
    method: 'POST' as const,
    path: '/oidc/token',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=api%3Async',
  };
  const tokenRes = await fetch(`${base}/oidc/token`, { method: 'POST', headers: tokenRequest.headers, body: tokenRequest.body });
  const apiToken = ((await tokenRes.json()) as { access_token?: string }).access_token;
  if (!tokenRes.ok || !apiToken) throw new Error(`client_credentials failed: ${tokenRes.status}`);
  const apiRequest = { method: 'GET' as const, path: '/api/v1/clients/me', headers: { authorization: `Bearer ${apiToken}` } };
  if ((await fetch(`${base}${apiRequest.path}`, { headers: apiRequest.headers })).status !== 200) throw new Error('protected API refused the JWT');

  // (3): a citizen logs into a sample portal once (code + PKCE through the real pages); the
  // portal's refresh token then gives an access token for userinfo.
  await app.modules.identity.accounts.addAccount(
    { type: 'citizen', email: person.email, password: person.password, fullName: person.fullName, idNumber: '001090099999' },
    { origin: { ip: '127.0.0.1', userAgent: 'bench' } },
  );
  const portal = await startSamplePortal({ issuer: app.oidc.issuer, name: 'Cổng DVC (bench)' });
  const rp = await app.oidc.clients.register({
    name: 'Cổng DVC (bench)',
    redirectUris: [portal.callbackUrl],
    postLogoutRedirectUris: [`${portal.base}/`],
    scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'id_number'],
    firstParty: true,
  });
  await portal.configure(rp.clientId, rp.clientSecret);
  const browser = new HttpBrowser();
  const start = await browser.go(`${portal.base}/login`);
  const done = await browser.go(`${base}/dang-nhap`, { form: { identifier: person.email, password: person.password, _csrf: hiddenField(start.html, '_csrf') } });
  const session = [...portal.sessions.values()][0];
  if (!done.html.includes(person.fullName) || !session?.refreshToken) throw new Error(`SSO login failed at ${done.url}`);
  await portal.close();
  const config = await client.discovery(new URL(app.oidc.issuer), rp.clientId, undefined, client.ClientSecretBasic(rp.clientSecret), { execute: [client.allowInsecureRequests] });
  const personToken = (await client.refreshTokenGrant(config, session.refreshToken)).access_token;
  const userinfoRequest = { method: 'GET' as const, path: '/oidc/me', headers: { authorization: `Bearer ${personToken}` } };
  const info = (await (await fetch(`${base}${userinfoRequest.path}`, { headers: userinfoRequest.headers })).json()) as { email?: string };
  if (info.email !== person.email) throw new Error('userinfo did not answer for the person');

  // Warm up the JIT and the pool on every route, then measure.
  await measure('warm-up', base, ['/bench/hello'], { seconds: 2 });
  for (const r of [tokenRequest, apiRequest, userinfoRequest]) await measureRequest('warm-up', base, r, 1);
  const hello = await measure('hello-world (baseline)', base, ['/bench/hello'], { seconds });
  const token = await measureRequest('POST /oidc/token (client_credentials, JWT)', base, tokenRequest, seconds);
  const api = await measureRequest('GET /api/v1/clients/me (Bearer JWT)', base, apiRequest, seconds);
  const userinfo = await measureRequest('GET /oidc/me (userinfo, person token)', base, userinfoRequest, seconds);
  printFigures([hello, token, api, userinfo], hello);

  // (4): argon2id, measured on the hasher itself (a login = one verification; the login form's
  // CSRF token makes a load test of POST /dang-nhap measure the harness rather than the cost).
  const hasher = createArgon2Hasher();
  const stored = await hasher.hash(person.password);
  const slice = Math.max(1, seconds / 2);
  const figures: string[] = [];
  let loginsPerSecond = 0;
  for (const workers of [1, 2]) {
    const hashes = await rate(() => hasher.hash(person.password), workers, slice);
    const verifications = await rate(() => hasher.verify(stored, person.password), workers, slice);
    loginsPerSecond = Math.max(loginsPerSecond, verifications.perSecond);
    figures.push(
      `  ${workers} worker${workers > 1 ? 's' : ' '}: ${hashes.perSecond.toFixed(1).padStart(6)} hashes/s (${hashes.msEach.toFixed(1)} ms each), ${verifications.perSecond.toFixed(1).padStart(6)} verifications/s (${verifications.msEach.toFixed(1)} ms each)`,
    );
  }
  console.log(`argon2id m=${ARGON2_PARAMETERS.memoryCost} KiB (${(ARGON2_PARAMETERS.memoryCost / 1024).toFixed(0)} MiB), t=${ARGON2_PARAMETERS.timeCost}, p=${ARGON2_PARAMETERS.parallelism}, on ${os.cpus().length} cores:`);
  for (const line of figures) console.log(line);
  console.log(`  password logins: ≤ ${Math.floor(loginsPerSecond)}/s on ${os.cpus().length} cores, the best of the two (one verification per attempt, unknown accounts too; measured on the hasher, not through POST /dang-nhap)\n`);
} finally {
  await server.close();
}
