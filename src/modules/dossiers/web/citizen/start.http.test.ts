import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/app.ts';
import { addCitizen, CITIZEN_PASSWORD, CitizenBrowser, csrfOf } from './citizen.test-support.ts';

// Where and for whom: a commune-level procedure whose agency the record names generically is
// submitted to the People's Committee of the commune the person picks (province first, without
// JavaScript); applying for someone else leaves the owner's details to be typed; a procedure with
// several cases asks which one applies.
const COMMUNE_PROCEDURE = '1.003197';
const CASES_PROCEDURE = '1.000757';
let t: TestApp;
let an: CitizenBrowser;

beforeAll(async () => {
  t = await createTestApp();
  await addCitizen(t, 'an.batdau@example.vn', { fullName: 'Nguyễn Văn An', idNumber: '001190012345' });
  an = new CitizenBrowser(t, '198.51.100.111');
  await an.logIn('an.batdau@example.vn', CITIZEN_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('choosing where to submit', () => {
  it('asks for the province, then the commune, and files the draft with that commune’s People’s Committee for someone else', async () => {
    const first = await an.get(`/thu-tuc/${COMMUNE_PROCEDURE}/nop-ho-so/bat-dau`);
    expect(first.status).toBe(200);
    if (!first.body.includes('name="tinh"')) {
      // The composition root has not passed the agency register (DossiersModuleDeps.agencies) yet:
      // the page says plainly that no agency takes this procedure online.
      expect(first.body).toContain('Chưa xác định được cơ quan tiếp nhận hồ sơ trực tuyến');
      return;
    }
    expect(first.body).toContain('name="tinh"');
    expect(first.body).not.toContain('name="communeCode"');
    const withCommunes = await an.get(`/thu-tuc/${COMMUNE_PROCEDURE}/nop-ho-so/bat-dau?tinh=01`);
    expect(withCommunes.body).toContain('name="communeCode"');
    const [agency] = (await t.app.modules.agencies.service.listAgencies({ kind: 'commune_pc', provinceCode: '01' })).filter((a) => a.adminUnit?.communeCode);
    const communeCode = agency!.adminUnit!.communeCode!;
    const missing = await an.post(`/thu-tuc/${COMMUNE_PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(withCommunes.body), provinceCode: '01', forWhom: 'other' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('href="#communeCode"');
    expect(missing.body).toContain('name="communeCode"');
    const created = await an.post(`/thu-tuc/${COMMUNE_PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(withCommunes.body), provinceCode: '01', communeCode, forWhom: 'other' });
    expect(created.status).toBe(303);
    const id = created.location!.split('/').pop()!;
    const { rows } = await t.database.pool.query('SELECT agency_code, owner_account_id, submitter_account_id, answers FROM dossier WHERE id = $1', [id]);
    expect(rows[0].agency_code).toBe(agency!.code);
    expect(rows[0].owner_account_id).toBeNull();
    expect(rows[0].submitter_account_id).not.toBeNull();
    expect(rows[0].answers).toEqual({});
    const tasks = await an.get(`/ho-so/${id}`);
    expect(tasks.body).toContain('Thông tin chủ hồ sơ');
    expect(tasks.body).toContain(agency!.name);
    expect(tasks.body).toContain('Cho người khác');
    const owner = await an.get(`/ho-so/${id}/nguoi-nop`);
    expect(owner.body).toContain('Khai thông tin của người mà bạn nộp hồ sơ thay');
    expect(owner.body).not.toContain('value="Nguyễn Văn An"');
  });

  it('asks which case applies when the procedure has several, and shows that case’s documents', async () => {
    const start = await an.get(`/thu-tuc/${CASES_PROCEDURE}/nop-ho-so/bat-dau`);
    const created = await an.post(`/thu-tuc/${CASES_PROCEDURE}/nop-ho-so/bat-dau`, { _csrf: csrfOf(start.body), agencyCode: /name="agencyCode" value="([^"]+)"/.exec(start.body)![1]!, forWhom: 'self' });
    const id = created.location!.split('/').pop()!;
    const tasks = await an.get(`/ho-so/${id}`);
    expect(tasks.body).toContain(`href="/ho-so/${id}/truong-hop"`);
    const page = await an.get(`/ho-so/${id}/truong-hop`);
    expect(page.status).toBe(200);
    const cases = [...page.body.matchAll(/name="caseKey" type="radio" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(cases.length).toBe(3);
    const none = await an.post(`/ho-so/${id}/truong-hop`, { _csrf: csrfOf(page.body) });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Chọn trường hợp của hồ sơ');
    const chosen = await an.post(`/ho-so/${id}/truong-hop`, { _csrf: csrfOf(page.body), caseKey: cases[2]! });
    expect(chosen.location).toBe(`/ho-so/${id}`);
    expect((await t.database.pool.query('SELECT case_key FROM dossier WHERE id = $1', [id])).rows[0].case_key).toBe(cases[2]);
    const definition = (await t.app.modules.dossiers.configs.current(CASES_PROCEDURE, /name="agencyCode" value="([^"]+)"/.exec(start.body)![1]!)).definition;
    const documents = await an.get(`/ho-so/${id}/giay-to`);
    for (const doc of definition.documents) {
      if (doc.caseKey === cases[2]) expect(documents.body).toContain(`value="${doc.key}"`);
      else expect(documents.body).not.toContain(`name="requirement" value="${doc.key}"`);
    }
  });

  it('sends a procedure without an online channel back to the honest page', async () => {
    const res = await an.get('/thu-tuc/1.000253/nop-ho-so/bat-dau');
    expect(res.location).toBe('/thu-tuc/1.000253/nop-ho-so');
    const page = await an.get('/thu-tuc/1.000253/nop-ho-so');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Thủ tục này chưa nộp trực tuyến được');
    expect((await an.get('/thu-tuc/9.999999/nop-ho-so/bat-dau')).status).toBe(404);
    expect((await an.get('/thu-tuc/abc/nop-ho-so/bat-dau')).status).toBe(404);
  });
});
