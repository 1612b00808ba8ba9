import { describe, expect, it } from 'vitest';
import { parseProcedureRecord } from './procedure-record.parser.ts';

const minimal = {
  ma_thu_tuc: '1.000232',
  ten_thu_tuc: 'Huỷ tài khoản điện tử',
  so_quyet_dinh: 'QĐ/0001-BCA',
  cap_thuc_hien: 'Cấp bộ',
  doi_tuong_thuc_hien: 'Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)',
  cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việcMiễn phí',
  can_cu_phap_ly: 'Không có thông tin',
  yeu_cau_dieu_kien: 'Không có thông tin',
  thu_tuc_lien_quan: 'Không có thông tin',
  formality_id: '',
};

describe('parseProcedureRecord', () => {
  it('rejects records that are not objects or lack a code or a name', () => {
    expect(parseProcedureRecord(null)).toEqual({ ok: false, reason: 'record is not a JSON object' });
    expect(parseProcedureRecord([], 'x.json')).toEqual({ ok: false, reason: 'x.json: record is not a JSON object' });
    const badCode = parseProcedureRecord({ ...minimal, ma_thu_tuc: '1.23' });
    expect(badCode.ok).toBe(false);
    expect(!badCode.ok && badCode.reason).toContain('ma_thu_tuc');
    const noName = parseProcedureRecord({ ...minimal, ten_thu_tuc: '  ' });
    expect(!noName.ok && noName.reason).toContain('ten_thu_tuc');
  });

  it('parses a record without raw_text and reports unknown or mistyped fields', () => {
    const out = parseProcedureRecord({ ...minimal, extra: 'x', linh_vuc: 5 });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.procedure).toMatchObject({
      code: '1.000232',
      decisionNo: 'QĐ/0001-BCA',
      decisionNoIrregular: true,
      levels: ['ministry'],
      subjects: ['Doanh nghiệp', 'Tổ chức (không bao gồm doanh nghiệp, HTX)'],
      sector: null,
      legalBasis: [],
      conditions: null,
      portalFormalityId: null,
      onlineLevel: null,
      channels: [{ channel: 'in_person', duration: { value: 5, unit: 'working_days' }, feeAmountVnd: 0 }],
    });
    expect(out.warnings).toEqual([
      { field: 'extra', kind: 'unknown_field', text: 'x' },
      { field: 'linh_vuc', kind: 'invalid_field_type', text: '5' },
    ]);
  });

  it('reports a record without any channel', () => {
    const out = parseProcedureRecord({ ...minimal, cach_thuc_thuc_hien: '' });
    expect(out.ok && out.warnings.map((w) => w.kind)).toEqual(['no_channels']);
  });
});
