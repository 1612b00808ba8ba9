import type { EidAssuranceLevel } from '../eid-assurance.workflow.ts';
import { EID_DEV_PASSWORD } from './eid-dev.citizens.ts';

/** What a tester does on the reference provider's pages. */
export interface EidDevLoginChoice {
  /** The test citizen's `sub`, e.g. "vneid-test-0001". */
  readonly citizen: string;
  readonly level: EidAssuranceLevel;
  /** Defaults to the shown dev password. */
  readonly password?: string;
  /** False clicks "Từ chối" on the consent page. */
  readonly consent?: boolean;
}

const MAX_STEPS = 20;

/**
 * Walks the reference provider's login and consent pages the way a browser does (redirects, cookies,
 * form posts) from an authorization URL, and returns the URL the provider finally sends the browser
 * to outside itself: the relying party's callback with `code` and `state` (or `error`).
 * For tests and scripted demos. Throws when a page is not what a tester would expect.
 */
export async function driveEidDevLogin(authorizationUrl: string, choice: EidDevLoginChoice): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new CookieJar();
  let request: { url: string; method: 'GET' | 'POST'; body?: URLSearchParams } = { url: authorizationUrl, method: 'GET' };
  for (let step = 0; step < MAX_STEPS; step++) {
    const url = new URL(request.url);
    if (url.origin !== origin) return url.href;
    const response = await fetch(url, {
      method: request.method,
      redirect: 'manual',
      headers: { cookie: jar.headerFor(url), accept: 'text/html', ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: request.body?.toString(),
    });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      request = { url: new URL(location, url).href, method: 'GET' };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`the e-ID page ${url.pathname} answered ${response.status}: ${textOf(html)}`);
    request = nextSubmission(url, html, choice);
  }
  throw new Error(`the e-ID login did not finish in ${MAX_STEPS} steps`);
}

function nextSubmission(url: URL, html: string, choice: EidDevLoginChoice): { url: string; method: 'POST'; body: URLSearchParams } {
  const actions = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]!.replace(/&#47;/g, '/'));
  const pick = (suffix: string) => {
    const action = actions.find((a) => a.endsWith(suffix));
    if (!action) throw new Error(`no "${suffix}" form on ${url.pathname}: ${textOf(html)}`);
    return new URL(action, url).href;
  };
  if (actions.some((a) => a.endsWith('/login'))) {
    const body = new URLSearchParams({ citizen: choice.citizen, password: choice.password ?? EID_DEV_PASSWORD, level: choice.level });
    return { url: pick('/login'), method: 'POST', body };
  }
  return { url: pick(choice.consent === false ? '/abort' : '/confirm'), method: 'POST', body: new URLSearchParams() };
}

function textOf(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 400);
}

/** Enough of RFC 6265 for one host: name, value, path and deletion. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? url.pathname.replace(/\/[^/]*$/, '') ?? '/';
      const expires = attr('expires');
      const expired = attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now()) || value === '';
      const key = `${name};${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  headerFor(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.slice(0, key.indexOf(';'))}=${c.value}`)
      .join('; ');
  }
}
