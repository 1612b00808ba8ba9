import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeedSnapshot } from '../../../../test/support/catalog-snapshot.ts';
import type { ProcedureRecord } from '../../catalog/index.ts';
import { checkServiceDefinition } from './service-check.workflow.ts';
import { APPLICANT_FIELDS, defaultSteps, generateServiceDefinition, keyFromName, workingHoursOf } from './service-generate.workflow.ts';
import { serviceDefinitionSchema, type ServiceDefinition } from './service-config.types.ts';

let records: readonly ProcedureRecord[];
const byCode = (code: string) => records.find((r) => r.code === code)!;
beforeAll(async () => {
  records = (await loadSeedSnapshot()).procedures;
}, 60_000);

describe('generateServiceDefinition over the whole shipped catalog', () => {
  it('gives every record a definition that passes the schema and the cross-checks', () => {
    expect(records.length).toBeGreaterThan(2000);
    const failures: string[] = [];
    for (const record of records) {
      const definition = generateServiceDefinition(record);
      const parsed = serviceDefinitionSchema.safeParse(definition);
      if (!parsed.success) failures.push(`${record.code}: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`);
      const checked = checkServiceDefinition(definition);
      if (!checked.ok) failures.push(`${record.code}: ${checked.problems.map((p) => `${p.path} ${p.code}`).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps what the record says: one case per group, every document, one fee and duration per channel', () => {
    for (const record of records) {
      const d = generateServiceDefinition(record);
      expect(d.cases.length).toBe(Math.max(1, record.documentGroups.length));
      expect(d.documents.length).toBe(record.documentGroups.reduce((n, g) => n + g.documents.length, 0));
      const channels = [...new Set(record.channels.map((c) => c.channel))].sort();
      expect(d.fees.map((f) => f.channel).sort()).toEqual(channels);
      expect(d.durations.map((f) => f.channel).sort()).toEqual(channels);
      expect(d.form.map((f) => f.key)).toEqual(APPLICANT_FIELDS.map((f) => f.key));
      expect(d.steps.filter((s) => s.role === 'approver')).toHaveLength(1);
      expect(d.onlineLevel).toBe(channels.includes('online') ? 'full' : 'partial');
    }
  });

  it('is deterministic: the same record gives the same keys', () => {
    for (const record of records.slice(0, 300)) expect(generateServiceDefinition(record)).toEqual(generateServiceDefinition(record));
  });
});

describe('golden: three real records, checked by hand against the catalog', () => {
  it('1.001471 passport: 200.000 đ paid upfront on every channel, 5 working days (3 for urgent cases kept as a variant)', () => {
    const d = generateServiceDefinition(byCode('1.001471'));
    const passportFee =
      '200,000 Việt Nam Đồng(200.000 đồng/ hộ chiếu. Trường hợp cấp lại do bị hỏng hoặc bị mất: 400.000đ/hộ chiếu (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính).)';
    expect(d.procedureName).toBe('Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)');
    expect(d.fees).toEqual(
      (['online', 'in_person', 'postal'] as const).map((channel) => ({ channel, amountVnd: 200000, text: passportFee, collect: 'upfront', variants: [] })),
    );
    expect(d.durations).toEqual(
      (['online', 'in_person', 'postal'] as const).map((channel) => ({ channel, duration: { value: 5, unit: 'working_days' }, text: '5 Ngày làm việc', variants: ['3 Ngày làm việc'] })),
    );
    // 5 working days = 40 h: receive 4, appraise 24, approve 8, return 4.
    expect(d.steps.map((s) => [s.key, s.role, s.budgetHours])).toEqual([
      ['receive', 'intake_officer', 4],
      ['appraise', 'processing_officer', 24],
      ['approve', 'approver', 8],
      ['return', 'intake_officer', 4],
    ]);
    expect(d.cases).toEqual([
      { key: 'cac_truong_hop_quy_dinh_tai_khoan_4_dieu', name: expect.stringMatching(/^\* Các trường hợp quy định tại khoản 4 Điều 15/) },
      { key: 'chung', name: null },
    ]);
    const special = d.documents.filter((x) => x.caseKey === 'cac_truong_hop_quy_dinh_tai_khoan_4_dieu');
    expect(special).toHaveLength(4);
    expect(special[1]).toEqual({
      caseKey: 'cac_truong_hop_quy_dinh_tai_khoan_4_dieu',
      key: 'giay_to_xac_dinh_than_nhan_o_nuoc_ngoai',
      name: '+ Giấy tờ xác định thân nhân ở nước ngoài bị tai nạn, bệnh tật, bị chết;',
      required: true,
      quantity: { original: 1, copy: 0 },
      accept: ['pdf', 'jpeg', 'png'],
      maxFiles: 5,
      note: null,
    });
    const general = d.documents.filter((x) => x.caseKey === 'chung');
    expect(general).toHaveLength(8);
    const form = general.find((x) => x.key === 'to_khai_de_nghi_cap_ho_chieu_pho_thong')!;
    expect(form).toMatchObject({ required: true, quantity: { original: 1, copy: 0 }, note: 'Mẫu: Mau TK01.tt73.2021.doc' });
    // "Trường hợp nộp hồ sơ trực tuyến thì …" only applies in that case.
    expect(general.find((x) => x.name.startsWith('Trường hợp nộp hồ sơ trực tuyến'))!.required).toBe(false);
    expect(d.onlineLevel).toBe('full');
    expect(d.result.methods).toEqual(['electronic', 'at_desk', 'postal']);
    expect(d.supplementDays).toBe(30);
  });

  it('1.003677 temporary absence: online only, no fee information, 1 working day (2 in complex cases)', () => {
    const d = generateServiceDefinition(byCode('1.003677'));
    expect(d.fees).toEqual([{ channel: 'online', amountVnd: null, text: null, collect: 'none', variants: [] }]);
    expect(d.durations).toEqual([{ channel: 'online', duration: { value: 1, unit: 'working_days' }, text: '1 Ngày làm việc', variants: ['2 Ngày làm việc'] }]);
    // 8 h is under 20 h: shared 1/8, 1/2, 1/4, 1/8.
    expect(d.steps.map((s) => s.budgetHours)).toEqual([1, 4, 2, 1]);
    expect(d.cases.map((c) => c.key)).toEqual(['truong_hop_cong_dan_thuoc_quy_dinh_tai', 'truong_hop_thuoc_quy_dinh_tai_diem_c']);
    expect(d.documents.map((x) => [x.caseKey, x.key, x.quantity])).toEqual([
      ['truong_hop_cong_dan_thuoc_quy_dinh_tai', 'de_nghi_khai_bao_tam_vang', { original: 1, copy: 0 }],
      ['truong_hop_cong_dan_thuoc_quy_dinh_tai', 'van_ban_dong_y_cua_co_quan_co_tham_quyen', { original: 1, copy: 0 }],
      ['truong_hop_thuoc_quy_dinh_tai_diem_c', 'noi_dung_khai_bao_tam_vang_gom_ho_va_ten', { original: 1, copy: 1 }],
    ]);
    expect(d.onlineLevel).toBe('full');
    expect(d.result.methods).toEqual(['electronic']);
  });

  it('1.012812 land dispute mediation: desk and post only, "Miễn phí(…)" is free, 40 and 30 calendar days', () => {
    const d = generateServiceDefinition(byCode('1.012812'));
    const free = 'Miễn phí(Theo quy định của Luật phí và lệ phí và các văn bản quy phạm pháp luật hướng dẫn Luật phí và lệ phí.)';
    expect(d.fees).toEqual([
      { channel: 'in_person', amountVnd: null, text: free, collect: 'none', variants: [] },
      { channel: 'postal', amountVnd: null, text: free, collect: 'none', variants: [] },
    ]);
    expect(d.durations).toEqual([
      { channel: 'in_person', duration: { value: 40, unit: 'days' }, text: '40 Ngày', variants: [] },
      { channel: 'postal', duration: { value: 30, unit: 'days' }, text: '30 Ngày', variants: [] },
    ]);
    // No online channel: the desk's 40 calendar days ≈ 40 × 5/7 working days = 228.5 working hours.
    expect(d.steps.map((s) => s.budgetHours)).toEqual([4, 212.5, 8, 4]);
    expect(d.cases).toEqual([{ key: 'chung', name: null }]);
    expect(d.documents.map((x) => [x.key, x.required, x.quantity])).toEqual([
      ['cac_giay_to_co_lien_quan_den_viec_su', true, { original: 1, copy: 1 }],
      ['don_yeu_cau_yeu_cau_hoa_giai_tranh_chap', true, { original: 1, copy: 1 }],
    ]);
    expect(d.onlineLevel).toBe('partial');
    expect(d.result.methods).toEqual(['at_desk', 'postal']);
  });
});

describe('generator parts', () => {
  it('derives keys from Vietnamese names', () => {
    expect(keyFromName('Tờ khai đăng ký khai sinh', 'x')).toBe('to_khai_dang_ky_khai_sinh');
    expect(keyFromName('01 tờ khai (mẫu TK01)', 'x')).toBe('to_khai_mau_tk01');
    expect(keyFromName('***', 'giay_to')).toBe('giay_to');
    expect(keyFromName('Đơn đề nghị cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở', 'x')).toBe('don_de_nghi_cap_giay_chung_nhan_quyen_su');
  });

  it('sizes steps that always add up to the duration', () => {
    for (const total of [1, 2, 4, 8, 12, 16, 19.75, 20, 24, 40, 176, 228.5]) {
      const steps = defaultSteps(total);
      expect(steps.reduce((n, s) => n + s.budgetHours, 0)).toBe(total);
      for (const s of steps) expect(s.budgetHours * 4).toBe(Math.round(s.budgetHours * 4));
    }
    expect(workingHoursOf({ value: 1.5, unit: 'working_days' })).toBe(12);
    expect(workingHoursOf({ value: 3, unit: 'months' })).toBe(528);
    expect(workingHoursOf({ value: 7, unit: 'days' })).toBe(40);
  });

  it('keeps its output independent: changing one definition never changes the next', () => {
    const a: ServiceDefinition = generateServiceDefinition(byCode('1.001471'));
    a.form[0]!.label.vi = 'changed';
    expect(generateServiceDefinition(byCode('1.001471')).form[0]!.label.vi).toBe('Họ, chữ đệm và tên');
  });
});
