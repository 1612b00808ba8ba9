import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string) => t.app.http.inject({ method: 'GET', url });

interface Unit {
  code: string;
  name: string;
  type: string;
}
interface Resolution {
  certain: boolean;
  matches: Array<{ province: { code: string; name: string }; commune: { code: string; name: string } | null; mergeType: string | null }>;
  legacy: { district: string | null; communes: Array<{ code: string; name: string; type: string; province: { code: string; name: string } }> };
}

describe('GET /api/v1/administrative-units/provinces', () => {
  it('lists the 34 provinces of the 2025 scheme in code order', async () => {
    const res = await get('/api/v1/administrative-units/provinces');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Unit[] }).items;
    expect(items).toHaveLength(34);
    expect(items[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội', type: 'thành phố' });
    expect(items).toContainEqual({ code: '96', name: 'Tỉnh Cà Mau', type: 'tỉnh' });
    expect(items.map((p) => p.code)).toEqual([...items.map((p) => p.code)].sort());
  });
});

describe('GET /api/v1/administrative-units/provinces/{code}/communes', () => {
  it('lists the communes of a province', async () => {
    const res = await get('/api/v1/administrative-units/provinces/01/communes');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Unit[] }).items;
    expect(items).toHaveLength(126);
    expect(items[0]).toEqual({ code: '00004', name: 'Phường Ba Đình', type: 'phường' });
    expect(new Set(items.map((c) => c.type))).toEqual(new Set(['phường', 'xã']));
  });

  it('filters by a name fragment, ignoring case and diacritics', async () => {
    for (const q of ['ba dinh', 'BA ĐÌNH', 'Phuong Ba Dinh']) {
      const items = (await get(`/api/v1/administrative-units/provinces/01/communes?q=${encodeURIComponent(q)}`)).json().items as Unit[];
      expect(items.map((c) => c.name), q).toEqual(['Phường Ba Đình']);
    }
    const dinh = (await get('/api/v1/administrative-units/provinces/01/communes?q=dinh')).json().items as Unit[];
    expect(dinh.map((c) => c.name)).toEqual(['Phường Ba Đình', 'Phường Định Công', 'Phường Khương Đình', 'Phường Xuân Đỉnh', 'Xã Vân Đình']);
    expect((await get('/api/v1/administrative-units/provinces/01/communes?q=zzzz')).json()).toEqual({ items: [] });
    expect(((await get('/api/v1/administrative-units/provinces/01/communes?q=')).json().items as Unit[]).length).toBe(126);
  });

  it('is a 404 problem for an unknown province and a 400 for a malformed code', async () => {
    const missing = await get('/api/v1/administrative-units/provinces/99/communes');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, code: 'ADMIN_UNIT_NOT_FOUND' });
    for (const code of ['1', 'abc', '001']) {
      const bad = await get(`/api/v1/administrative-units/provinces/${code}/communes`);
      expect(bad.statusCode, code).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const long = await get(`/api/v1/administrative-units/provinces/01/communes?q=${'a'.repeat(500)}`);
    expect(long.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('GET /api/v1/administrative-units/resolve', () => {
  const resolve = async (query: string) => {
    const res = await get(`/api/v1/administrative-units/resolve?${query}`);
    return { status: res.statusCode, body: res.json() as Resolution & { code?: string } };
  };

  it('converts an old Hà Nội ward to its 2025 ward', async () => {
    const { status, body } = await resolve(`province=${encodeURIComponent('Hà Nội')}&district=${encodeURIComponent('Quận Ba Đình')}&commune=${encodeURIComponent('Phường Trúc Bạch')}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      certain: true,
      matches: [{ province: { code: '01', name: 'Thành phố Hà Nội' }, commune: { code: '00004', name: 'Phường Ba Đình' }, mergeType: 'full' }],
      legacy: {
        district: 'Quận Ba Đình',
        communes: [{ code: '00004', name: 'Phường Trúc Bạch', type: 'phường', province: { code: '01', name: 'Thành phố Hà Nội' } }],
      },
    });
  });

  it('accepts names without diacritics or type words, and codes', async () => {
    const plain = await resolve('province=ha%20noi&commune=truc%20bach');
    expect(plain.body.certain).toBe(true);
    expect(plain.body.matches.map((m) => m.commune?.code)).toEqual(['00004']);
    const codes = await resolve('province=01&commune=00004');
    expect(codes.body.matches).toEqual(plain.body.matches);
  });

  it('is uncertain, with every candidate, for an old ward that was split', async () => {
    // Phường Cống Vị (Quận Ba Đình) went partly into Phường Ngọc Hà and partly into Phường Giảng Võ.
    const { status, body } = await resolve('province=Ha%20Noi&commune=Cong%20Vi');
    expect(status).toBe(200);
    expect(body.certain).toBe(false);
    expect(body.matches.map((m) => m.commune)).toEqual([
      { code: '00008', name: 'Phường Ngọc Hà' },
      { code: '00025', name: 'Phường Giảng Võ' },
    ]);
    expect(body.matches.every((m) => m.mergeType === 'partial' && m.province.code === '01')).toBe(true);
    expect(body.legacy.communes.map((c) => c.name)).toEqual(['Phường Cống Vị']);
  });

  it('maps an old province alone to its 2025 province', async () => {
    const { body } = await resolve(`province=${encodeURIComponent('Tỉnh Hà Giang')}`);
    expect(body).toMatchObject({ certain: true, matches: [{ province: { code: '08', name: 'Tỉnh Tuyên Quang' }, commune: null, mergeType: null }] });
    expect(body.legacy.communes).toEqual([]);
  });

  it('is a 404 problem when nothing matches, and a 400 without a province or commune', async () => {
    const missing = await resolve('province=Ha%20Noi&commune=Khong%20Co%20Phuong%20Nay');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'ADMIN_UNIT_NOT_FOUND' });
    expect((await resolve('province=Atlantis')).status).toBe(404);
    for (const query of ['', 'district=Ba%20Dinh', 'province=%20%20&commune=']) {
      const empty = await resolve(query);
      expect(empty.status, query).toBe(400);
      expect(empty.body).toMatchObject({ status: 400, code: 'ADMIN_UNIT_QUERY_EMPTY' });
    }
    const long = await resolve(`commune=${'x'.repeat(500)}`);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('OpenAPI', () => {
  it('documents the administrative-unit routes under the agencies tag', async () => {
    const doc = (await get('/docs/json')).json();
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('agencies');
    const resolvePath = doc.paths['/api/v1/administrative-units/resolve'].get;
    expect(resolvePath.tags).toEqual(['agencies']);
    expect(resolvePath.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['commune', 'district', 'province']);
    expect(Object.keys(doc.paths)).toContain('/api/v1/administrative-units/provinces/{code}/communes');
  });
});
