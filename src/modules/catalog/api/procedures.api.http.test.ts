import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.http.inject({ method: 'GET', url, headers });

describe('GET /api/v1/procedures', () => {
  it('finds procedures best match first, ignoring diacritics', async () => {
    const res = await get('/api/v1/procedures?q=dang%20ky%20khai%20sinh&limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: Array<{ code: string; name: string; online: boolean; levels: string[]; agencies: string[]; sector: string }> };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(body.items[0]!.name).toMatch(/khai sinh/i);
    expect(Object.keys(body.items[0]!).sort()).toEqual(['agencies', 'code', 'levels', 'name', 'online', 'sector']);
  });

  it('filters by level, sector, online and fee, and pages', async () => {
    const all = (await get('/api/v1/procedures?limit=100')).json() as { total: number; items: unknown[] };
    expect(all.total).toBe(2378);
    expect(all.items).toHaveLength(100);
    const commune = (await get('/api/v1/procedures?level=commune&limit=100')).json() as { total: number; items: Array<{ levels: string[] }> };
    expect(commune.total).toBeGreaterThan(0);
    expect(commune.total).toBeLessThan(all.total);
    expect(commune.items.every((i) => i.levels.includes('commune'))).toBe(true);
    const online = (await get('/api/v1/procedures?online=true&limit=100')).json() as { items: Array<{ online: boolean }> };
    expect(online.items.every((i) => i.online)).toBe(true);
    const sector = (await get('/api/v1/procedures?sector=ho-tich&limit=100')).json() as { total: number; items: Array<{ sector: string }> };
    expect(sector.total).toBeGreaterThan(0);
    expect(sector.items.every((i) => i.sector === 'Hộ tịch')).toBe(true);
    const page1 = (await get('/api/v1/procedures?q=giay%20phep&limit=10&offset=0')).json() as { items: Array<{ code: string }> };
    const page2 = (await get('/api/v1/procedures?q=giay%20phep&limit=10&offset=10')).json() as { items: Array<{ code: string }> };
    expect(page2.items.length).toBeGreaterThan(0);
    expect(page1.items.map((i) => i.code)).not.toContain(page2.items[0]!.code);
    const bySlug = (await get('/api/v1/procedures?agency=cuc-canh-sat-giao-thong&limit=1')).json() as { total: number };
    expect(bySlug.total).toBeGreaterThan(0);
    const record = (await get('/api/v1/procedures/3.000347')).json() as { agencies: Array<{ name: string; code: string | null }> };
    const police = record.agencies.find((a) => /cảnh sát giao thông/i.test(a.name))!;
    expect(police.code).toMatch(/^000\.\d{2}\.\d{2}\.G01$/);
    const byCode = (await get(`/api/v1/procedures?agency=${police.code}&limit=1`)).json() as { total: number };
    expect(byCode.total).toBe(bySlug.total);
    const paid = (await get('/api/v1/procedures?fee=paid&limit=1')).json() as { total: number };
    const free = (await get('/api/v1/procedures?fee=free&limit=1')).json() as { total: number };
    expect(paid.total).toBeGreaterThan(0);
    expect(free.total).toBeGreaterThan(0);
    expect(paid.total + free.total).toBeLessThanOrEqual(all.total);
  });

  it('answers bad input with problem+json and a stable code', async () => {
    const long = await get(`/api/v1/procedures?q=${'a'.repeat(10_000)}`);
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(long.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const badLimit = await get('/api/v1/procedures?limit=5000');
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().errors[0].path).toMatch(/limit/);
    const badLevel = await get('/api/v1/procedures?level=district');
    expect(badLevel.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('treats SQL-like and script-laden queries as words', async () => {
    for (const q of ["' OR 1=1 --", '<script>alert(1)</script>', '%00', '"; DROP TABLE catalog_procedure; --']) {
      const res = await get(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.body).not.toContain('<script>');
    }
    expect(((await get('/api/v1/procedures?limit=1')).json() as { total: number }).total).toBe(2378);
  });

  it('suggests a correction', async () => {
    const body = (await get('/api/v1/procedures?q=khai%20sihn')).json() as { suggestion: string };
    expect(body.suggestion).toBe('khai sinh');
  });
});

describe('GET /api/v1/procedures/{code}', () => {
  it('returns the whole structured record', async () => {
    const res = await get('/api/v1/procedures/3.000347');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ code: '3.000347', name: 'Đổi giấy phép lái xe', sector: 'Sát hạch, cấp giấy phép lái xe', levels: ['ministry'], online: true });
    expect(p.channels[0]).toMatchObject({ channel: 'online', duration: { value: 5, unit: 'working_days' }, durationText: '5 Ngày làm việc', feeAmountVnd: 135000 });
    expect(p.channels[0].feeText).toContain('135.000 đồng');
    expect(p.documents.length).toBeGreaterThan(0);
    expect(p.documents[0]).toHaveProperty('quantity');
    expect(p.legalBasis).toContainEqual(expect.objectContaining({ code: '12/2025/TT-BCA' }));
    expect(p.results).toContainEqual({ name: 'Giấy phép lái xe', code: 'KQ.G01.000185' });
    expect(p.steps.length).toBeGreaterThan(0);
    expect(p.source.url).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//);
    expect(p.agencies).toContainEqual(expect.objectContaining({ role: 'competent' }));
  });

  it('is a 404 problem for an unknown code and a 400 for a malformed one', async () => {
    const missing = await get('/api/v1/procedures/9.999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CATALOG_PROCEDURE_NOT_FOUND', status: 404 });
    expect(missing.json().title).toBe('Không tìm thấy thủ tục hành chính');
    const english = await get('/api/v1/procedures/9.999999?lang=en');
    expect(english.json().title).toBe('Procedure not found');
    const malformed = await get('/api/v1/procedures/abc');
    expect(malformed.statusCode).toBe(400);
  });

  it('serves a stored version', async () => {
    const res = await get('/api/v1/procedures/3.000347/versions/1');
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect((await get('/api/v1/procedures/3.000347/versions/99')).json().code).toBe('CATALOG_VERSION_NOT_FOUND');
  });
});

describe('platform endpoints', () => {
  it('documents the API in OpenAPI 3.1', async () => {
    const doc = (await get('/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/procedures', '/api/v1/procedures/{code}']));
    expect((await get('/docs')).statusCode).toBeLessThan(400);
  });

  it('answers health, readiness and metrics', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).json()).toEqual({ status: 'ready' });
    const metrics = await get('/metrics');
    expect(metrics.body).toContain('opendvc_http_request_duration_seconds');
    expect(metrics.body).toContain('opendvc_process_cpu_seconds_total');
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const res = await get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
