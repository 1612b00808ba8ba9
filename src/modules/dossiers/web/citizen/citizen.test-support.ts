/** Accounts, actors and a no-JavaScript browser for the citizen pages' HTTP tests. */
import type { TestApp } from '../../../../../test/support/app.ts';
import { actorOf } from '../../../identity/index.ts';
import type { DossierActor } from '../../core/dossier-actor.ts';

/** An active official of `agencyCode` holding every dossier role, as the dossier core's actor. */
export async function addOfficial(t: TestApp, email: string, agencyCode: string): Promise<Extract<DossierActor, { kind: 'official' }>> {
  const account = await t.app.modules.identity.accounts.addAccount(
    { type: 'official', email, password: 'mat khau can bo 2026', agency: agencyCode, roles: ['intake_officer', 'processing_officer', 'approver'], fullName: 'Trần Văn Cán' },
    { origin: { ip: '127.0.0.1', userAgent: null } },
  );
  const actor = actorOf(account);
  if (actor.kind !== 'official') throw new Error('not an official');
  return { ...actor, name: 'Trần Văn Cán' };
}

export type FormPart = { name: string; value: string } | { name: string; filename: string; type?: string; data: Buffer };

export interface Page {
  status: number;
  body: string;
  raw: Buffer;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

/** A person in a browser without JavaScript: cookies kept, forms posted urlencoded or as multipart/form-data. */
export class CitizenBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly t: TestApp,
    private readonly ip: string,
  ) {}

  private async send(method: 'GET' | 'POST', url: string, payload?: string | Buffer, contentType?: string): Promise<Page> {
    const headers: Record<string, string> = { accept: 'text/html', cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (contentType) headers['content-type'] = contentType;
    const res = await this.t.app.http.inject({ method, url, payload, headers, remoteAddress: this.ip });
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    // A message key on a page means a text is missing in that language.
    const untranslated = String(res.headers['content-type'] ?? '').startsWith('text/html') ? /\bdossiers\.[a-z]+\.[A-Za-z_.]+/.exec(res.body) : null;
    if (untranslated) throw new Error(`untranslated message key on ${url}: ${untranslated[0]}`);
    return { status: res.statusCode, body: res.body, raw: res.rawPayload, headers: res.headers, location: res.headers.location as string | undefined };
  }

  get(url: string): Promise<Page> {
    return this.send('GET', url);
  }

  post(url: string, form: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return this.send('POST', url, body.toString(), 'application/x-www-form-urlencoded');
  }

  postMultipart(url: string, parts: readonly FormPart[]): Promise<Page> {
    const boundary = `----citizen${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const disposition = 'filename' in p ? `form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}` : `form-data; name="${p.name}"`;
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`), 'filename' in p ? p.data : Buffer.from(p.value), Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return this.send('POST', url, Buffer.concat(chunks), `multipart/form-data; boundary=${boundary}`);
  }

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

/** The value of a hidden input. */
export function hidden(html: string, name: string): string {
  const value = new RegExp(`name="${name.replace(/[[\]]/g, '\\$&')}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no hidden field ${name}`);
  return value;
}

/** An active citizen account with a profile to prefill from. */
export async function addCitizen(t: TestApp, email: string, profile: { fullName?: string; idNumber?: string } = {}): Promise<string> {
  const account = await t.app.modules.identity.accounts.addAccount({ type: 'citizen', email, password: CITIZEN_PASSWORD, ...profile }, { origin: { ip: '127.0.0.1', userAgent: null } });
  return account.id;
}

export const CITIZEN_PASSWORD = 'mat khau cong dan 2026';
/** A minimal real PDF header and trailer: the content sniffer reads the first bytes. */
export const PDF = (text = 'giay to') => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
/** An HTML page dressed up as a PDF: refused by content whatever its name and declared type. */
export const DISGUISED = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>');

/** The applicant section as a person fills it in correctly (the generated form's applicant block). */
export async function validApplicant(t: TestApp): Promise<Record<string, string>> {
  const [commune] = await t.app.modules.agencies.service.listCommunes('01');
  return {
    applicant_full_name: 'Nguyễn Thị Hương',
    'applicant_date_of_birth[day]': '15',
    'applicant_date_of_birth[month]': '6',
    'applicant_date_of_birth[year]': '1990',
    applicant_id_number: '001190012345',
    applicant_phone: '0912 345 678',
    applicant_email: 'huong@example.vn',
    'applicant_permanent_address[provinceCode]': '01',
    'applicant_permanent_address[communeCode]': commune!.code,
    'applicant_permanent_address[street]': 'Số 12 phố Đội Cấn',
  };
}

/**
 * Starts an application for `procedureCode` (one agency, for oneself) and completes every task over
 * HTTP, up to the check-answers page. Returns the draft's id.
 */
export async function fillApplication(t: TestApp, b: CitizenBrowser, procedureCode: string): Promise<string> {
  const start = await b.get(`/thu-tuc/${procedureCode}/nop-ho-so/bat-dau`);
  const created = await b.post(`/thu-tuc/${procedureCode}/nop-ho-so/bat-dau`, { _csrf: csrfOf(start.body), agencyCode: hidden(start.body, 'agencyCode'), forWhom: 'self', resume: 'new' });
  const id = /^\/ho-so\/([0-9a-f-]{36})$/.exec(created.location ?? '')?.[1];
  if (!id) throw new Error(`no draft created: ${created.status} ${created.location}`);
  const applicant = await b.get(`/ho-so/${id}/nguoi-nop`);
  const saved = await b.post(`/ho-so/${id}/nguoi-nop`, { _csrf: csrfOf(applicant.body), ...(await validApplicant(t)) });
  if (saved.status !== 303) throw new Error(`applicant section not saved: ${saved.status}`);
  const details = await b.get(`/ho-so/${id}/thong-tin`);
  await b.post(`/ho-so/${id}/thong-tin`, { _csrf: csrfOf(details.body), request_summary: 'Đề nghị cấp giấy tờ theo quy định.' });
  const documents = await b.get(`/ho-so/${id}/giay-to`);
  for (const key of requirementKeys(documents.body)) {
    await b.postMultipart(`/ho-so/${id}/giay-to`, [
      { name: '_csrf', value: csrfOf(documents.body) },
      { name: 'requirement', value: key },
      { name: 'files', filename: `${key}.pdf`, type: 'application/pdf', data: PDF(key) },
    ]);
  }
  const done = await b.post(`/ho-so/${id}/giay-to/xong`, { _csrf: csrfOf(documents.body) });
  if (done.status !== 303) throw new Error(`documents not complete: ${done.status}`);
  return id;
}

/** The requirement keys of the documents page's upload forms, in page order. */
export function requirementKeys(html: string): string[] {
  return [...html.matchAll(/name="requirement" value="([^"]+)"/g)].map((m) => m[1]!);
}
