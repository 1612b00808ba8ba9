import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';

/**
 * A tiny agency portal (relying party) for tests and browser journeys, built on openid-client:
 * "log in with OpenDVC" (authorization code + PKCE), shows who is logged in, accepts back-channel
 * logout, and starts RP-initiated logout. Sessions live in memory.
 */
export interface SamplePortal {
  readonly base: string;
  readonly callbackUrl: string;
  readonly backchannelUrl: string;
  /** Logout tokens received on the back channel (verified), newest last. */
  readonly logoutTokens: Array<Record<string, unknown>>;
  /** The portal's live sessions: session cookie → who. */
  readonly sessions: Map<string, { sub: string; sid: string | undefined; name: unknown; idToken: string; refreshToken: string | undefined }>;
  configure(clientId: string, clientSecret: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSamplePortal(options: { issuer: string; name: string }): Promise<SamplePortal> {
  let config: client.Configuration | null = null;
  let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;
  const pending = new Map<string, { verifier: string; nonce: string }>();
  const sessions: SamplePortal['sessions'] = new Map();
  const logoutTokens: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`error: ${err.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookieOf = (req: http.IncomingMessage) => /(?:^|;\s*)rp_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    if (!config) throw new Error('portal not configured');
    if (url.pathname === '/') {
      const who = sessions.get(cookieOf(req) ?? '');
      const body = who
        ? `<h1>${escape(options.name)}</h1><p id="who">Xin chào ${escape(String(who.name ?? who.sub))}</p><p><a href="/logout">Đăng xuất</a></p>`
        : `<h1>${escape(options.name)}</h1><p id="who">Chưa đăng nhập</p><p><a id="login" href="/login">Đăng nhập bằng Cổng Dịch vụ công</a></p>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(options.name, body));
      return;
    }
    if (url.pathname === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      pending.set(state, { verifier, nonce });
      const target = client.buildAuthorizationUrl(config, {
        redirect_uri: `${base}/callback`,
        scope: 'openid profile email phone id_number offline_access',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        prompt: 'consent',
      });
      res.writeHead(303, { location: target.href }).end();
      return;
    }
    if (url.pathname === '/callback') {
      const state = url.searchParams.get('state') ?? '';
      const expected = pending.get(state);
      if (!expected) throw new Error('unknown state');
      pending.delete(state);
      const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: expected.verifier, expectedState: state, expectedNonce: expected.nonce });
      const claims = tokens.claims()!;
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      const id = randomBytes(16).toString('hex');
      sessions.set(id, { sub: claims.sub, sid: claims.sid as string | undefined, name: info.name, idToken: tokens.id_token!, refreshToken: tokens.refresh_token });
      res.writeHead(303, { location: '/', 'set-cookie': `rp_session=${id}; Path=/; HttpOnly; SameSite=Lax` }).end();
      return;
    }
    if (url.pathname === '/backchannel' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const { payload } = await jwtVerify(form.get('logout_token') ?? '', jwks!, { issuer: options.issuer, audience: config.clientMetadata().client_id });
      if (!(payload.events as Record<string, unknown> | undefined)?.['http://schemas.openid.net/event/backchannel-logout']) throw new Error('not a logout token');
      logoutTokens.push(payload as Record<string, unknown>);
      for (const [key, s] of sessions) if (s.sub === payload.sub && (!payload.sid || s.sid === payload.sid)) sessions.delete(key);
      res.writeHead(200).end();
      return;
    }
    if (url.pathname === '/logout') {
      const who = sessions.get(cookieOf(req) ?? '');
      sessions.delete(cookieOf(req) ?? '');
      const target = client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${base}/`, ...(who ? { id_token_hint: who.idToken } : {}) });
      res.writeHead(303, { location: target.href, 'set-cookie': 'rp_session=; Path=/; Max-Age=0' }).end();
      return;
    }
    res.writeHead(404).end('not found');
  }

  return {
    base,
    callbackUrl: `${base}/callback`,
    backchannelUrl: `${base}/backchannel`,
    logoutTokens,
    sessions,
    async configure(clientId, clientSecret) {
      config = await client.discovery(new URL(options.issuer), clientId, undefined, client.ClientSecretBasic(clientSecret), { execute: [client.allowInsecureRequests] });
      jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body><main>${body}</main></body></html>`;
}
