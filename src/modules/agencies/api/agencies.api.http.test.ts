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

interface Item {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  adminUnit: { scheme: string; provinceCode: string; communeCode: string | null } | null;
}
interface Page {
  total: number;
  items: Item[];
}
const list = async (query: string) => (await get(`/api/v1/agencies?${query}`)).json() as Page;

describe('GET /api/v1/agencies', () => {
  it('lists the register in code order, paged', async () => {
    const res = await get('/api/v1/agencies');
    expect(res.statusCode).toBe(200);
    const first = res.json() as Page;
    expect(first.total).toBe(4283);
    expect(first.items).toHaveLength(20);
    expect(Object.keys(first.items[0]!).sort()).toEqual(['adminUnit', 'code', 'kind', 'name', 'parentCode']);
    const codes = first.items.map((i) => i.code);
    expect(codes).toEqual([...codes].sort());
    const next = await list('limit=20&offset=20');
    expect(next.total).toBe(4283);
    expect(next.items.map((i) => i.code)).not.toContain(codes[19]);
    expect((await list('offset=4280')).items).toHaveLength(3);
  });

  it('filters by kind, parent and province', async () => {
    const ministries = await list('kind=ministry&limit=100');
    expect(ministries.total).toBe(15);
    expect(ministries.items).toContainEqual({ code: '000.00.00.G01', name: 'Bộ Công an', kind: 'ministry', parentCode: null, adminUnit: null });
    expect(ministries.items.every((i) => i.kind === 'ministry')).toBe(true);
    expect((await list('kind=province_pc')).total).toBe(34);
    expect((await list('kind=commune_pc')).total).toBe(3321);

    const police = await list('parent=000.00.00.G01&limit=100');
    expect(police.total).toBe(46);
    expect(police.items.every((i) => i.parentCode === '000.00.00.G01')).toBe(true);

    const hanoi = await list('province=01&limit=100');
    expect(hanoi.total).toBe(151);
    expect(hanoi.items.every((i) => i.adminUnit?.provinceCode === '01')).toBe(true);
    expect((await list('province=01&kind=commune_pc')).total).toBe(126);
    const provincialPolice = await list('localKind=province.police&province=96');
    expect(provincialPolice.items).toEqual([
      { code: '000.00.20.H96', name: 'Công an tỉnh Cà Mau', kind: 'central_unit', parentCode: '000.00.00.G01', adminUnit: { scheme: '2025', provinceCode: '96', communeCode: null } },
    ]);
  });

  it('finds agencies by the words of their name, ignoring diacritics', async () => {
    const found = await list('q=cong%20an%20ha%20noi');
    expect(found.items.map((i) => i.name)).toEqual(['Công an thành phố Hà Nội']);
    const justice = await list(`q=${encodeURIComponent('Sở Tư pháp')}&limit=100`);
    expect(justice.total).toBe(34);
    expect(justice.items.every((i) => i.name.startsWith('Sở Tư pháp'))).toBe(true);
    expect((await list('q=so%20tu%20phap&province=79')).items.map((i) => i.name)).toEqual(['Sở Tư pháp thành phố Hồ Chí Minh']);
    expect(await list('q=khong%20co%20co%20quan%20nay')).toEqual({ total: 0, items: [] });
  });

  it('answers bad input with a 400 problem', async () => {
    for (const query of ['kind=district', 'parent=G01', 'province=1', 'limit=0', 'limit=101', 'offset=-1', `q=${'a'.repeat(500)}`, 'localKind=DROP%20TABLE']) {
      const res = await get(`/api/v1/agencies?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json(), query).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
  });
});

describe('GET /api/v1/agencies/{code}', () => {
  it('returns Bộ Công an with its units and the provincial police', async () => {
    const res = await get('/api/v1/agencies/000.00.00.G01');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: '000.00.00.G01', name: 'Bộ Công an', kind: 'ministry', parentCode: null, adminUnit: null, parent: null });
    expect(body.children).toHaveLength(46);
    expect(body.children).toContainEqual({ code: '000.00.08.G01', name: 'Cục Quản lý xuất nhập cảnh', kind: 'central_unit' });
    expect(body.children).toContainEqual({ code: '000.00.20.H01', name: 'Công an thành phố Hà Nội', kind: 'central_unit' });
  });

  it('returns a local agency with its parent and admin unit', async () => {
    const body = (await get('/api/v1/agencies/000.00.20.H96')).json();
    expect(body).toMatchObject({
      name: 'Công an tỉnh Cà Mau',
      localKind: 'province.police',
      adminUnit: { scheme: '2025', provinceCode: '96', communeCode: null },
      parent: { code: '000.00.00.G01', name: 'Bộ Công an', kind: 'ministry' },
    });
    const pc = (await get('/api/v1/agencies/000.00.00.H01')).json();
    expect(pc).toMatchObject({ name: 'Ủy ban nhân dân thành phố Hà Nội', kind: 'province_pc' });
    expect(pc.children.length).toBeGreaterThan(100);
  });

  it('is a 404 problem in the reader\'s language for an unknown code, and a 400 for a malformed one', async () => {
    const missing = await get('/api/v1/agencies/000.00.00.G99');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, code: 'AGENCY_NOT_FOUND', title: 'Không tìm thấy cơ quan.', detail: '000.00.00.G99' });
    expect((await get('/api/v1/agencies/000.00.00.G99?lang=en')).json()).toMatchObject({ code: 'AGENCY_NOT_FOUND', title: 'Agency not found.' });
    for (const code of ['G01', '000.00.00.g01', '0000.00.00.G01', "1'%20OR%201=1"]) {
      const bad = await get(`/api/v1/agencies/${code}`);
      expect(bad.statusCode, code).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await get('/docs/json')).json();
    expect(doc.paths['/api/v1/agencies/{code}'].get.tags).toEqual(['agencies']);
    expect(doc.paths['/api/v1/agencies'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'parent', 'province', 'q', 'limit', 'offset']),
    );
  });
});
