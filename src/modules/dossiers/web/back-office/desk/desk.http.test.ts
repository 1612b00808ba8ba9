import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../../test/support/app.ts';
import { official, PROCEDURE, twoAgencies } from '../../../../../../test/support/dossier-fixtures.ts';
import { DOSSIER_CODE_PATTERN } from '../../../core/dossier.types.ts';
import { errorSummary, hiddenValue, logInOfficial } from '../back-office.test-support.ts';

let t: TestApp;
let agency: string;

beforeAll(async () => {
  t = await createTestApp();
  [agency] = await twoAgencies(t.app);
});
afterAll(async () => t?.close());

const DESK = '/can-bo/ho-so/tiep-nhan-truc-tiep';

describe('filing a desk dossier', () => {
  it('picks the procedure, types the form from the papers, checks the documents, and files a received dossier with its code and form 01', async () => {
    const officer = await official(t.app, agency, ['intake_officer'], 'Bùi Thị Lan');
    const b = await logInOfficial(t, officer.account.email!, officer.password);

    const choose = await b.get(DESK);
    expect(choose.status).toBe(200);
    expect(choose.body).toContain(`value="${agency}"`);
    const badCode = await b.get(`${DESK}?thu-tuc=abc&co-quan=${encodeURIComponent(agency)}&kenh=in_person`);
    expect(badCode.status).toBe(400);
    expect(errorSummary(badCode.body)).toEqual(['Mã thủ tục có dạng 1.001193']);
    const unknown = await b.get(`${DESK}?thu-tuc=9.999999&co-quan=${encodeURIComponent(agency)}&kenh=in_person`);
    expect(errorSummary(unknown.body)).toEqual(['Không tìm thấy thủ tục có mã này']);

    const details = await b.get(`${DESK}?thu-tuc=${PROCEDURE}&co-quan=${encodeURIComponent(agency)}&kenh=postal`);
    expect(details.status).toBe(200);
    expect(details.body).toContain('name="applicant_full_name"');
    expect(details.body).toContain('name="applicant_permanent_address[provinceCode]"');
    expect(details.body).toContain('name="applicant_date_of_birth[day]"');
    const service = await t.app.modules.dossiers.services.current(PROCEDURE, agency);
    const required = service.terms.documents.filter((d) => d.required).map((d) => d.key);
    expect(required.length).toBeGreaterThan(0);
    for (const key of required) expect(details.body).toContain(`id="doc-${key}"`);

    const province = (await t.app.modules.agencies.service.listProvinces())[0]!;
    const commune = (await t.app.modules.agencies.service.listCommunes(province.code))[0]!;
    const base: Array<[string, string]> = [
      ['idempotencyKey', hiddenValue(details.body, 'idempotencyKey')],
      ['procedureCode', PROCEDURE],
      ['agencyCode', agency],
      ['channel', 'postal'],
      ['applicant_full_name', 'Đặng Văn Hùng'],
      ['applicant_permanent_address[provinceCode]', province.code],
    ];

    // Everything missing at once, what was typed kept, the province's communes listed.
    const incomplete = await b.post(DESK, base, details);
    expect(incomplete.status).toBe(400);
    const problems = errorSummary(incomplete.body);
    expect(problems.length).toBeGreaterThanOrEqual(4 + required.length);
    expect(problems.filter((p) => p.startsWith('Chưa nhận giấy tờ bắt buộc'))).toHaveLength(required.length);
    expect(incomplete.body).toContain('value="Đặng Văn Hùng"');
    expect(incomplete.body).toContain(`<option value="${commune.code}"`);
    expect(await t.database.db.selectFrom('dossier').select('id').where('agency_code', '=', agency).execute()).toEqual([]);

    // Without JavaScript: "show the communes" re-renders and files nothing.
    const refreshed = await b.post(DESK, [...base, ['refresh', '1']], details);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toContain(commune.name);

    const complete: Array<[string, string]> = [
      ...base,
      ['applicant_date_of_birth[day]', '17'],
      ['applicant_date_of_birth[month]', '5'],
      ['applicant_date_of_birth[year]', '1990'],
      ['applicant_id_number', '001090012399'],
      ['applicant_phone', '0912 345 678'],
      ['applicant_permanent_address[communeCode]', commune.code],
      ['applicant_permanent_address[street]', 'Số 5 ngõ 10'],
      ['request_summary', 'Xin xóa đăng ký thường trú (hồ sơ gửi qua bưu điện) <b>gấp</b>.'],
      ...required.map((key): [string, string] => ['documents', key]),
    ];
    const [filed, again] = await Promise.all([b.post(DESK, complete, details), b.post(DESK, complete, details)]);
    expect(filed.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.location).toBe(filed.location);
    const id = /\/can-bo\/ho-so\/([0-9a-f-]{36})\?da-xong=tiep-nhan$/.exec(filed.location!)?.[1];
    expect(id).toBeDefined();
    const rows = await t.database.db.selectFrom('dossier').selectAll().where('agency_code', '=', agency).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.status).toBe('received');
    expect(row.origin).toBe('desk');
    expect(row.channel).toBe('postal');
    expect(row.code).toMatch(DOSSIER_CODE_PATTERN);
    expect(row.holder_account_id).toBe(officer.account.id);
    expect(row.applicant.fullName).toBe('Đặng Văn Hùng');
    expect(row.applicant.address.text).toContain(commune.name);
    expect(row.answers.applicant_phone).toBe('0912345678');

    const page = await b.get(filed.location!);
    expect(page.body).toContain('Đã tiếp nhận hồ sơ.');
    expect(page.body).toContain('Được tiếp nhận (mã 2)');
    expect(page.body).toContain('Bưu chính công ích');
    expect(page.body).toContain('&lt;b&gt;gấp&lt;/b&gt;'); // typed text is never markup
    const receipt = await b.get(`/can-bo/ho-so/${id}/mau/01.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is only for officials who receive dossiers', async () => {
    const processor = await official(t.app, agency, ['processing_officer']);
    const b = await logInOfficial(t, processor.account.email!, processor.password);
    const page = await b.get(DESK);
    expect(page.status).toBe(403);
    expect(page.body).toContain('Bạn chưa được giao vai trò tiếp nhận hồ sơ ở cơ quan nào');
    const queue = await b.get('/can-bo/ho-so');
    expect(queue.body).not.toContain(`href="${DESK}"`);
    const post = await b.post(DESK, { procedureCode: PROCEDURE, agencyCode: agency, channel: 'in_person' }, await b.get('/tai-khoan/thong-tin'));
    expect(post.status).toBe(400);
    expect(errorSummary(post.body)).toEqual(['Chọn cơ quan tiếp nhận']);
  });
});
