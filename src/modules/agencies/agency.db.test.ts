import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { agencyKey, createAgenciesModule, splitAgencyList, type AgenciesService } from './index.ts';

const PROCEDURES = path.resolve(process.cwd(), '..', 'shared', 'data', 'tthc-dichvucong-chatbot_tthc', 'raw');
const AGENCY_FIELDS = ['co_quan_co_tham_quyen', 'co_quan_thuc_hien', 'co_quan_duoc_uy_quyen', 'co_quan_phoi_hop'];

let database: TestDatabase;
let service: AgenciesService;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createAgenciesModule({ db: database.db }).service;
  await service.seed();
});
afterAll(async () => {
  await database.drop();
});

describe('agency register (db)', () => {
  it('derives the ministry codes from result codes', async () => {
    const ministries = await service.listAgencies({ kind: 'ministry' });
    const code = (name: string) => ministries.find((m) => m.name === name)?.code;
    expect(code('Bộ Công an')).toBe('000.00.00.G01');
    expect(code('Bộ Tư pháp')).toBe('000.00.00.G15');
    expect(code('Bộ Tài chính')).toBe('000.00.00.G12');
    expect(code('Bộ Nông nghiệp và Môi trường')).toBe('000.00.00.G10');
    expect(code('Bộ Xây dựng')).toBe('000.00.00.G17');
  });

  it('has one People\'s Committee per province and per commune, with their admin units', async () => {
    expect(await service.listAgencies({ kind: 'province_pc' })).toHaveLength(34);
    const communePcs = await service.listAgencies({ kind: 'commune_pc' });
    expect(communePcs).toHaveLength(3321);
    expect(new Set(communePcs.map((a) => a.adminUnit?.communeCode)).size).toBe(3321);
    const hanoi = await service.findAgency('000.00.00.H01');
    expect(hanoi).toMatchObject({ name: 'Ủy ban nhân dân thành phố Hà Nội', kind: 'province_pc', adminUnit: { scheme: '2025', provinceCode: '01', communeCode: null } });
    const police = await service.listAgencies({ localKind: 'province.police', provinceCode: '96' });
    expect(police).toMatchObject([{ code: '000.00.20.H96', name: 'Công an tỉnh Cà Mau', parentCode: '000.00.00.G01', kind: 'central_unit' }]);
  });

  it('merges spelling variants into one agency', async () => {
    const a = await service.resolveAgencyName('Cục quản lý xuất nhập cảnh');
    const b = await service.resolveAgencyName('Cục Quản lý xuất nhập cảnh.');
    const c = await service.resolveAgencyName('  cục quản lý XUẤT nhập cảnh'.normalize('NFD'));
    expect(a).not.toBeNull();
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const agency = await service.findAgency(a?.code ?? '');
    expect(agency).toMatchObject({ name: 'Cục Quản lý xuất nhập cảnh', kind: 'central_unit', parentCode: '000.00.00.G01', adminUnit: null });
    expect(agency.aliases).toContain('Cục quản lý xuất nhập cảnh');
    expect(await service.resolveAgencyName('Cục Hải quan - Bộ tài chính')).toEqual(await service.resolveAgencyName('Cục Hải quan'));
  });

  it('resolves province-specific names and leaves generic kinds as kinds', async () => {
    expect(await service.resolveAgencyName('Sở Tư pháp Thành phố Hà Nội')).toEqual({ code: '000.00.01.H01', name: 'Sở Tư pháp thành phố Hà Nội' });
    expect(await service.resolveAgencyName('Giám đốc Sở Tư pháp tỉnh Cà Mau')).toEqual({ code: '000.00.01.H96', name: 'Sở Tư pháp tỉnh Cà Mau' });
    expect(await service.resolveAgencyName('Công an cấp Xã')).toBeNull();
    expect(await service.resolveAgencyReference('Công an cấp Xã')).toMatchObject({ type: 'local_kind', key: 'commune.police', level: 'commune' });
    expect(await service.resolveAgencyReference('UBND cấp tỉnh')).toMatchObject({ type: 'local_kind', key: 'province.pc', level: 'province' });
    expect(await service.resolveAgencyName('Cơ quan không có thật')).toBeNull();
    await expect(service.findAgency('999.99.99.X99')).rejects.toMatchObject({ code: 'AGENCY_NOT_FOUND' });
  });

  it('has no two agencies or kinds sharing a name key', async () => {
    const central = [
      ...(await service.listAgencies({ kind: 'ministry' })),
      ...(await service.listAgencies({ kind: 'central_unit' })),
      ...(await service.listAgencies({ kind: 'other' })),
      ...(await service.listAgencies({ kind: 'province_department' })),
      ...(await service.listAgencies({ kind: 'province_pc' })),
    ];
    const keys = central.map((a) => agencyKey(a.name));
    expect(new Set(keys).size).toBe(keys.length);
    const kinds = await service.listLocalKinds();
    const kindKeys = kinds.map((k) => agencyKey(k.name));
    expect(new Set(kindKeys).size).toBe(kindKeys.length);
    expect(kindKeys.filter((k) => keys.includes(k))).toEqual([]);
    const children = await service.listAgencies({ parentCode: '000.00.00.G01' });
    expect(children.length).toBeGreaterThan(5);
  });

  it('resolves every agency name in the procedure records to an agency or a local kind', async () => {
    expect(fs.existsSync(PROCEDURES)).toBe(true);
    const names = new Set<string>();
    for (const folder of fs.readdirSync(PROCEDURES)) {
      for (const file of fs.readdirSync(path.join(PROCEDURES, folder))) {
        const record = JSON.parse(fs.readFileSync(path.join(PROCEDURES, folder, file), 'utf8')) as Record<string, string>;
        for (const field of AGENCY_FIELDS) for (const n of splitAgencyList(record[field])) names.add(n);
      }
    }
    expect(names.size).toBeGreaterThan(200);
    const unresolved: string[] = [];
    for (const name of names) if (!(await service.resolveAgencyReference(name))) unresolved.push(name);
    // Only the two fields that hold leaked page text instead of names.
    expect(unresolved.map((n) => n.slice(0, 30)).sort()).toEqual(['chứng thực tiến hành chụp từ b', 'phê duyệt nguồn vốn trồng rừng']);
  });
});
