/**
 * A cookie-keeping browser over Fastify's inject for the back-office tests, and an official's real
 * login: password, then the two-step enrolment with a TOTP code computed here (RFC 6238).
 */
import { randomBytes } from 'node:crypto';
import { decodeBase32, totp } from '../../../identity/index.ts';
import type { TestApp } from '../../../../../test/support/app.ts';

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
  headers: Record<string, unknown>;
  raw: Buffer;
}

let ipCounter = 20;

export class OfficeBrowser {
  private readonly cookies = new Map<string, string>();
  private readonly ip = `198.51.100.${ipCounter++ % 250}`;
  constructor(private readonly t: TestApp) {}

  private cookieHeader(): string {
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
    const res = await this.t.app.http.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), accept: 'text/html' }, remoteAddress: this.ip });
    this.keep(res);
    return toPage(res);
  }

  /** Posts a urlencoded form; pairs allow a repeated name (checkboxes). `_csrf` is taken from `from` unless given. */
  async post(url: string, form: Record<string, string> | Array<[string, string]>, from?: Page): Promise<Page> {
    const pairs = Array.isArray(form) ? form : Object.entries(form);
    const fields = new URLSearchParams(from && !pairs.some(([k]) => k === '_csrf') ? [['_csrf', hiddenValue(from.body, '_csrf')], ...pairs] : pairs);
    const res = await this.t.app.http.inject({
      method: 'POST',
      url,
      payload: fields.toString(),
      headers: { cookie: this.cookieHeader(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: this.ip,
    });
    this.keep(res);
    return toPage(res);
  }

  /** Posts multipart/form-data with text fields and files, as a browser's file input sends them. */
  async postMultipart(url: string, fields: Array<[string, string]>, files: Array<{ field: string; name: string; type: string; bytes: Uint8Array }>): Promise<Page> {
    const boundary = `----odvc${randomBytes(8).toString('hex')}`;
    const chunks: Buffer[] = [];
    for (const [name, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    for (const f of files) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), Buffer.from(f.bytes), Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.t.app.http.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(chunks),
      headers: { cookie: this.cookieHeader(), accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
      remoteAddress: this.ip,
    });
    this.keep(res);
    return toPage(res);
  }
}

/** A message key on a page means a missing translation: the translator shows the key itself. */
const MESSAGE_KEY = /\b(?:dossiers|documents|site|identity)\.[a-z][A-Za-z0-9_]*\.[A-Za-z0-9_.]+/;

function toPage(res: { statusCode: number; body: string; rawPayload: Buffer; headers: Record<string, unknown> }): Page {
  if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
    const key = MESSAGE_KEY.exec(res.body.replace(/<script[\s\S]*?<\/script>/g, ''));
    if (key) throw new Error(`untranslated message key on the page: ${key[0]}`);
  }
  return { status: res.statusCode, body: res.body, raw: res.rawPayload, location: res.headers.location as string | undefined, headers: res.headers };
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in the page`);
  return match[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}

/** The text of the error summary's items. */
export function errorSummary(html: string): string[] {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>\s*(?:<a[^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim());
}

/** RFC 6238 with SHA-1, 30-second steps, 6 digits (what authenticator apps compute): identity's own TOTP. */
export function totpCode(secretBase32: string, at = Date.now()): string {
  return totp(decodeBase32(secretBase32), new Date(at));
}

/** Logs an official in as a person would: password, then two-step enrolment with an authenticator code. */
export async function logInOfficial(t: TestApp, email: string, password: string): Promise<OfficeBrowser> {
  const b = new OfficeBrowser(t);
  const form = await b.get('/dang-nhap');
  const first = await b.post('/dang-nhap', { identifier: email, password }, form);
  if (first.location !== '/dang-nhap/xac-thuc-hai-buoc') throw new Error(`login of ${email} went to ${first.location} (${first.status})`);
  const setup = await b.get('/dang-nhap/xac-thuc-hai-buoc');
  const secret = /class="odvc-totp-secret" lang="en">([A-Z2-7]+)</.exec(setup.body)?.[1];
  if (!secret) throw new Error('no TOTP secret on the enrolment page');
  const done = await b.post('/dang-nhap/xac-thuc-hai-buoc', { code: totpCode(secret) }, setup);
  if (done.status !== 303 && done.status !== 302) throw new Error(`TOTP step answered ${done.status}`);
  return b;
}

/** Logs a citizen in with a password (no second step). */
export async function logInCitizen(t: TestApp, email: string, password: string): Promise<OfficeBrowser> {
  const b = new OfficeBrowser(t);
  const form = await b.get('/dang-nhap');
  await b.post('/dang-nhap', { identifier: email, password }, form);
  return b;
}
