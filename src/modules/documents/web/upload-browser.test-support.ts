/** A cookie-keeping client over Fastify's inject that also posts multipart/form-data, for the documents HTTP tests. */
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../../test/support/app.ts';

export type Part = { name: string; value: string } | { name: string; filename: string; type?: string; data: Buffer };

export interface Reply {
  status: number;
  body: string;
  raw: Buffer;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/** A multipart/form-data body as a browser writes it (raw UTF-8 names, CRLF, one boundary). */
export function multipartBody(parts: readonly Part[], boundary = `----opendvc${randomBytes(8).toString('hex')}`): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head = 'filename' in p
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'filename' in p ? p.data : Buffer.from(p.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export class UploadBrowser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly t: TestApp,
    private readonly ip: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/html', 'user-agent': 'UploadBrowser/1.0', ...extra };
  }

  private async send(options: { method: 'GET' | 'POST'; url: string; payload?: string | Buffer; headers?: Record<string, string> }): Promise<Reply> {
    const res = await this.t.app.http.inject({ method: options.method, url: options.url, payload: options.payload, headers: this.headers(options.headers), remoteAddress: this.ip });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return { status: res.statusCode, body: res.body, raw: res.rawPayload, headers: res.headers, location: res.headers.location as string | undefined };
  }

  get(url: string): Promise<Reply> {
    return this.send({ method: 'GET', url });
  }

  post(url: string, form: Record<string, string>): Promise<Reply> {
    return this.send({ method: 'POST', url, payload: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  postMultipart(url: string, parts: readonly Part[]): Promise<Reply> {
    const { body, contentType } = multipartBody(parts);
    return this.send({ method: 'POST', url, payload: body, headers: { 'content-type': contentType } });
  }

  /** Sends a body as given (e.g. cut short). */
  postRaw(url: string, body: Buffer, contentType: string): Promise<Reply> {
    return this.send({ method: 'POST', url, payload: body, headers: { 'content-type': contentType } });
  }

  cookieHeader(): string {
    return this.headers().cookie!;
  }

  /** Logs in with the password form; the account must exist and need no second factor. */
  async logIn(identifier: string, password: string): Promise<void> {
    const form = await this.get('/dang-nhap');
    const done = await this.post('/dang-nhap', { _csrf: csrfOf(form.body), identifier, password });
    if (done.status !== 303) throw new Error(`login failed: ${done.status}`);
  }
}

export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Creates an active citizen account (no e-mail round trip). */
export async function addCitizen(t: TestApp, email: string, password: string): Promise<string> {
  const account = await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email, password }, { origin: { ip: '127.0.0.1', userAgent: null } });
  return account.id;
}

export const PDF = (text = 'noi dung') => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\x00\x00\x00\x0dIHDR')]);
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

/** A file of exactly `size` bytes starting with `head`. */
export function sized(head: Buffer, size: number): Buffer {
  const out = Buffer.alloc(size, 0x20);
  head.copy(out, 0, 0, Math.min(head.length, size));
  return out;
}
