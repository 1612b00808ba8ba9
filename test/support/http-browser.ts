/**
 * A browser for HTTP tests: a cookie jar (host and path aware, like a real browser: ports share
 * cookies), manual redirects so each hop can be inspected, and form helpers.
 */
interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class HttpBrowser {
  private readonly jar = new Map<string, Cookie[]>();
  /** Every URL visited, in order (redirect hops included). */
  readonly visited: string[] = [];

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.find((c) => c.name === name)?.value;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = (this.jar.get(target.hostname) ?? []).filter((c) => target.pathname.startsWith(c.path));
    const headers: Record<string, string> = { accept: 'text/html' };
    if (cookies.length) headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    this.visited.push(url);
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(target, line);
    return res;
  }

  /** Follows redirects until a page is reached or `stop(url)` says to stop before requesting it. */
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}, stop?: (next: string) => boolean): Promise<{ res: Response; url: string; html: string }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      const next = new URL(res.headers.get('location')!, current).href;
      if (stop?.(next)) return { res, url: next, html: '' };
      current = next;
      res = await this.request(current);
    }
    return { res, url: current, html: await res.text() };
  }

  private store(from: URL, line: string): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    let path = '/';
    let expired = value === '';
    for (const attr of attributes) {
      const [k, v = ''] = attr.split('=');
      if (k!.toLowerCase() === 'path') path = v;
      if (k!.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      if (k!.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) expired = true;
    }
    const list = (this.jar.get(from.hostname) ?? []).filter((c) => !(c.name === name && c.path === path));
    if (!expired) list.push({ name, value, path });
    this.jar.set(from.hostname, list);
  }
}

/** The value of a hidden input, e.g. the CSRF token. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}"\\s+value="([^"]*)"`).exec(html) ?? new RegExp(`value="([^"]*)"\\s+name="${name}"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in page`);
  return match[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}
