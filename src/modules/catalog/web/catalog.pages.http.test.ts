import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import type { Messages } from '../../../platform/i18n/i18n.ts';
import { platformMessages } from '../../../platform/i18n/messages.ts';
import { catalogMessages } from './catalog.messages.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
});

afterAll(async () => {
  await testApp?.close();
});

/** A browser-like GET: HTML pages (and HTML error pages) are chosen by the Accept header. */
async function get(url: string, headers: Record<string, string> = {}) {
  const res = await testApp.app.http.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*;q=0.8', ...headers } });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

function totalOf(html: string): number {
  const m = /data-total="(\d+)"/.exec(html);
  if (!m) throw new Error('no result count on the page');
  return Number(m[1]);
}

function expectShell(html: string, lang = 'vi') {
  expect(html).toContain(`<html lang="${lang}"`);
  expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  expect(html).toContain('<main');
  expect(html).toContain('href="#main-content"');
  expect(html).toContain('OpenDVC');
  expect(html).not.toMatch(/GOV\.UK/);
  // A missing message shows as its key: none may reach the page.
  expect(html).not.toMatch(/>\s*(catalog|site|errors)\.[\w.]+\s*</);
}

function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

describe('messages', () => {
  it('has every Vietnamese string in English too, NFC-normalised', () => {
    for (const catalogue of [platformMessages, catalogMessages]) {
      expect(keysOf(catalogue.en).sort()).toEqual(keysOf(catalogue.vi).sort());
    }
    const all = JSON.stringify([platformMessages, catalogMessages]);
    expect(all).toBe(all.normalize('NFC'));
  });
});

describe('home page', () => {
  it('has one labelled search box that GETs /thu-tuc, life events and browse links', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expectShell(res.body);
    expect(res.body).toMatch(/<form[^>]+action="\/thu-tuc"[^>]+method="get"/);
    expect(res.body).toMatch(/<label[^>]+for="home-q"/);
    expect(res.body).toContain('name="q"');
    expect(res.body).toContain('href="/su-kien/co-con-nho"');
    expect(res.body).toContain('href="/linh-vuc"');
    expect(res.body).toContain('href="/co-quan"');
    expect(res.body).toContain('Dữ liệu thủ tục: Cơ sở dữ liệu quốc gia về TTHC (dichvucong.gov.vn)');
  });
});

describe('results page', () => {
  it('finds Đăng ký khai sinh for "khai sinh" and keeps the query in the box', async () => {
    const res = await get('/thu-tuc?q=khai+sinh');
    expect(res.status).toBe(200);
    expectShell(res.body);
    expect(res.body).toContain('href="/thu-tuc/1.001193"');
    expect(res.body).toMatch(/[Đđ]ăng ký khai sinh/);
    expect(res.body).toMatch(/<input[^>]+id="search-q"[^>]+value="khai sinh"/);
    expect(totalOf(res.body)).toBeGreaterThan(0);
  });

  it('narrows the count when a filter is chosen, and offers to clear it', async () => {
    const all = totalOf((await get('/thu-tuc?q=khai+sinh')).body);
    const online = await get('/thu-tuc?q=khai+sinh&online=true');
    const offline = await get('/thu-tuc?q=khai+sinh&online=false');
    expect(totalOf(online.body) + totalOf(offline.body)).toBe(all);
    expect(totalOf(online.body)).toBeLessThan(all);
    expect(online.body).toContain('Xóa bộ lọc');
    expect(online.body).toMatch(/name="online" type="radio" value="true" checked/);
    const sector = await get('/thu-tuc?sector=ho-tich');
    expect(totalOf(sector.body)).toBeLessThan(totalOf((await get('/thu-tuc')).body));
  });

  it('pages through results 20 at a time', async () => {
    const page1 = await get('/thu-tuc');
    const page2 = await get('/thu-tuc?page=2');
    expect(page2.status).toBe(200);
    expect(page2.body).toContain('start="21"');
    expect(page2.body).toMatch(/href="\/thu-tuc\?page=2"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/thu-tuc\?page=2"/);
    const codes = (html: string) => [...html.matchAll(/class="odvc-result__title"[^>]*><a class="govuk-link" href="\/thu-tuc\/([\d.]+)"/g)].map((m) => m[1]);
    expect(codes(page1.body)).toHaveLength(20);
    expect(codes(page2.body)).toHaveLength(20);
    expect(codes(page2.body)).not.toContain(codes(page1.body)[0]);
  });

  it('answers odd input with a normal page or a 400 page, never a 500, and never reflects markup', async () => {
    const cases = ['', 'a'.repeat(10_000), "' OR 1=1 --", '<script>alert(1)</script>', '%', '\u0000', 'khai sinh'.normalize('NFD')];
    for (const q of cases) {
      const res = await get(`/thu-tuc?q=${encodeURIComponent(q)}&page=abc&level=nope&online=maybe`);
      expect([200, 400], `q=${q.slice(0, 20)}`).toContain(res.status);
      expect(res.body).not.toContain('<script>alert(1)</script>');
    }
    const xss = await get(`/thu-tuc?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(xss.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const sql = await get(`/thu-tuc?q=${encodeURIComponent("' OR 1=1 --")}`);
    expect(sql.status).toBe(200);
    expect(sql.body).toContain('value="&#39; OR 1=1 --"');
  });

  it('rejects a query over 500 characters with a GOV.UK error summary and keeps the input', async () => {
    const q = 'đất'.repeat(200);
    const res = await get(`/thu-tuc?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/<title>\s*Lỗi: /);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#search-q"');
    expect(res.body).toContain(`value="${q}"`);
  });

  it('says so and gives advice when nothing matches', async () => {
    const res = await get('/thu-tuc?q=zzqxw');
    expect(res.status).toBe(200);
    expect(totalOf(res.body)).toBe(0);
    expect(res.body).toContain('Không tìm thấy thủ tục nào');
  });
});

describe('procedure page', () => {
  it('shows the facts, durations and fees per channel, documents with quantities, and the start button', async () => {
    const res = await get('/thu-tuc/1.001193');
    expect(res.status).toBe(200);
    expectShell(res.body);
    expect(res.body).toContain('1.001193');
    expect(res.body).toContain('Thời hạn giải quyết');
    expect(res.body).toContain('Trực tuyến');
    expect(res.body).toContain('Trực tiếp');
    expect(res.body).toContain('Hồ sơ cần nộp');
    expect(res.body).toMatch(/<span class="odvc-document__detail">\d+ bản chính<\/span>/);
    // This record's time limit is a bare "1" in the national database: say so instead of guessing a unit.
    expect(res.body).toContain('1 (Cơ sở dữ liệu quốc gia không ghi đơn vị thời gian');
    expect(res.body).toContain('href="/thu-tuc/1.001193/nop-ho-so"');
    expect(res.body).toContain('Nộp hồ sơ trực tuyến');
    expect(res.body).toContain('href="/su-kien/co-con-nho"');
  });

  it('speaks English durations and quantities when asked', async () => {
    const res = await get('/thu-tuc/3.000347?lang=en');
    expect(res.body).toContain('5 working days');
    expect(res.body).toMatch(/\d+ originals?</);
    expect(res.body).not.toMatch(/original\(s\)|0 cop/);
  });

  it('starts an online application after login, and says plainly when a procedure takes no online dossiers', async () => {
    const online = await get('/thu-tuc/1.001193/nop-ho-so');
    expect(online.status).toBe(303);
    expect(online.headers.location).toBe(`/dang-nhap?next=${encodeURIComponent('/thu-tuc/1.001193/nop-ho-so')}`);
    const offline = await get('/thu-tuc/1.000253/nop-ho-so');
    expect(offline.status).toBe(200);
    expectShell(offline.body);
    expect(offline.body).toContain('Thủ tục này chưa nộp trực tuyến được');
    expect(offline.body).toContain('Nộp trực tiếp tại cơ quan tiếp nhận');
    expect(offline.body).not.toMatch(/<form[^>]+method="post"/i);
  });

  it('answers unknown and malformed codes with the Vietnamese 404 page', async () => {
    for (const url of ['/thu-tuc/9.999999', '/thu-tuc/abc', '/thu-tuc/1.001193%27--', '/thu-tuc/9.999999/nop-ho-so']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expectShell(res.body);
      expect(res.body).toContain('Không tìm thấy thủ tục hành chính');
      expect(res.body).toContain('action="/thu-tuc"');
    }
  });
});

describe('browse pages', () => {
  it('lists sectors and agencies with counts and sends a sector or agency to filtered results', async () => {
    const sectors = await get('/linh-vuc');
    expect(sectors.status).toBe(200);
    expectShell(sectors.body);
    const slug = /href="\/linh-vuc\/([a-z0-9-]+)"/.exec(sectors.body)?.[1];
    expect(slug).toBeDefined();
    const redirect = await get(`/linh-vuc/${slug}`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`/thu-tuc?sector=${slug}`);
    expect((await get('/linh-vuc/khong-co-linh-vuc-nay')).status).toBe(404);

    const agencies = await get('/co-quan');
    expect(agencies.status).toBe(200);
    const agency = /href="\/co-quan\/([^"]+)"/.exec(agencies.body)?.[1];
    expect((await get(`/co-quan/${agency}`)).status).toBe(302);
    expect((await get('/co-quan/khong-co')).status).toBe(404);
  });

  it('shows life events and one event with its procedures in order', async () => {
    const list = await get('/su-kien');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Có con nhỏ');
    const event = await get('/su-kien/co-con-nho');
    expect(event.status).toBe(200);
    expectShell(event.body);
    expect(event.body).toContain('href="/thu-tuc/1.001193"');
    expect((await get('/su-kien/khong-co')).status).toBe(404);
  });
});

describe('language', () => {
  it('switches to English with ?lang=en, remembers it in a cookie, and links back to Vietnamese', async () => {
    const res = await get('/thu-tuc?q=khai+sinh&lang=en');
    expect(res.status).toBe(200);
    expectShell(res.body, 'en');
    expect(res.body).toContain('Find an administrative procedure');
    expect(res.body).toContain('Filter results');
    expect(String(res.headers['set-cookie'])).toMatch(/lang=en/);
    expect(res.body).toMatch(/href="\/thu-tuc\?q=khai\+sinh&amp;lang=vi"/);
    const again = await get('/', { cookie: 'lang=en' });
    expect(again.body).toContain('<html lang="en"');
    const notFound = await get('/thu-tuc/9.999999', { cookie: 'lang=en' });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toContain('Procedure not found');
  });
});
