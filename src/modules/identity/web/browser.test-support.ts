/** A tiny cookie-keeping client over Fastify's inject, for the identity page tests. */
import { expect } from 'vitest';
import type { TestApp } from '../../../../test/support/app.ts';
import { decodeBase32, totp } from '../totp.workflow.ts';

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
  csrf: string;
}

export class TestBrowser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly t: TestApp,
    private readonly ip = '203.0.113.10',
  ) {}

  /** The Cookie header this browser sends (for requests the helpers do not cover, e.g. repeated form fields). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { cookies: Array<{ name: string; value: string; maxAge?: number; expires?: Date }> }): void {
    for (const c of res.cookies) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string): Promise<Page> {
    const res = await this.t.app.http.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), accept: 'text/html', 'user-agent': 'TestBrowser/1.0' }, remoteAddress: this.ip });
    this.keep(res);
    return toPage(res);
  }

  /** Posts a form; `_csrf` is taken from `from` unless given (pass null to omit it). */
  async post(url: string, form: Record<string, string>, from?: Page | null): Promise<Page> {
    const fields = { ...(from ? { _csrf: from.csrf } : {}), ...form };
    const res = await this.t.app.http.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { cookie: this.cookieHeader(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TestBrowser/1.0' },
      remoteAddress: this.ip,
    });
    this.keep(res);
    return toPage(res);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

function toPage(res: { statusCode: number; body: string; headers: Record<string, unknown> }): Page {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? '';
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined, csrf };
}

/** The latest code sent to an address, read from the outbox (notifications will deliver it). */
export async function latestCode(t: TestApp, to: string, purpose: string): Promise<string | null> {
  const { rows } = await t.database.pool.query<{ code: string }>(
    `SELECT payload->>'code' AS code FROM platform_event WHERE type = 'identity.verification_code_issued' AND payload->>'to' = $1 AND payload->>'purpose' = $2 ORDER BY occurred_at DESC LIMIT 1`,
    [to, purpose],
  );
  return rows[0]?.code ?? null;
}

/**
 * An official's first login as a person does it: password, then two-step enrolment with the code an
 * authenticator app would compute from the secret shown. Fails the test if either step goes elsewhere.
 */
export async function logInNewOfficial(b: TestBrowser, identifier: string, password: string): Promise<TestBrowser> {
  const form = await b.get('/dang-nhap');
  expect((await b.post('/dang-nhap', { identifier, password }, form)).location).toBe('/dang-nhap/xac-thuc-hai-buoc');
  const setup = await b.get('/dang-nhap/xac-thuc-hai-buoc');
  const secret = /class="odvc-totp-secret" lang="en">([A-Z2-7]+)</.exec(setup.body)![1]!;
  expect((await b.post('/dang-nhap/xac-thuc-hai-buoc', { code: totp(decodeBase32(secret), new Date()) }, setup)).status).toBe(303);
  return b;
}
