import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { parseFeeCell, parseNumber, validity } from './procedure-fees.parser.ts';

const kinds = (w: ParseWarning[]) => w.map((x) => x.kind);

describe('parseFeeCell', () => {
  it('never reads a leading "Miễn phí" as free when the note states an amount', () => {
    const sink: ParseWarning[] = [];
    const r = parseFeeCell(
      'Miễn phí(- Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần. - Trường hợp tổ chức, cá nhân nộp hồ sơ theo hình thức trực tuyến: Kể từ ngày 01/12/2023 đến hết ngày 31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần cấp.)',
      sink,
    );
    expect(r.feeAmountVnd).toBe(135000);
    expect(r.fees).toEqual([
      { amountVnd: 135000, label: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần', validFrom: null, validTo: null },
      {
        amountVnd: 115000,
        label: expect.stringContaining('áp dụng mức thu lệ phí là 115.000 đồng/lần cấp'),
        validFrom: '2023-12-01',
        validTo: '2025-12-31',
      },
    ]);
  });

  it('gives 0 only for a plain free cell and null when nothing is stated', () => {
    expect(parseFeeCell('Miễn phí', []).feeAmountVnd).toBe(0);
    expect(parseFeeCell('Miễn phí(Không)', []).feeAmountVnd).toBe(0);
    expect(parseFeeCell(null, []).feeAmountVnd).toBeNull();
    const sink: ParseWarning[] = [];
    expect(parseFeeCell('Miễn phí(Thông tư số 60/2023/TT-BTC quy định mức thu lệ phí đăng ký)', sink).feeAmountVnd).toBeNull();
    expect(kinds(sink)).toContain('fee_free_headline_with_unstated_fee');
  });

  it('reads headline amounts, units and "triệu"', () => {
    expect(parseFeeCell('1,200,000 Việt Nam Đồng(1.200.000đ/thẻ ABTC.)', []).feeAmountVnd).toBe(1200000);
    expect(parseFeeCell('Lệ phí 2 triệu đồng/lần', []).feeAmountVnd).toBe(2000000);
    expect(parseFeeCell('Lệ phí 1,5 triệu đồng', []).feeAmountVnd).toBe(1500000);
  });

  it('rescales a headline written in thousands only when the note confirms it', () => {
    const sink: ParseWarning[] = [];
    expect(parseFeeCell('20 VNĐ(20.000 vnđ/tờ khai)', sink).feeAmountVnd).toBe(20000);
    expect(kinds(sink)).toEqual(['fee_amount_thousands_scaled']);
    const other: ParseWarning[] = [];
    expect(parseFeeCell('100 VNĐ', other).feeAmountVnd).toBe(100);
    expect(kinds(other)).toEqual(['fee_amount_implausible']);
  });

  it('keeps foreign currency out of VND amounts and reports it', () => {
    const sink: ParseWarning[] = [];
    const r = parseFeeCell('10 USD(/bản)', sink);
    expect(r).toEqual({ feeAmountVnd: null, fees: [] });
    expect(kinds(sink)).toEqual(['fee_foreign_currency']);
  });

  it('records exemption periods as 0-VND fees', () => {
    const r = parseFeeCell('1,000,000 VNĐ(Lệ phí cấp phép (Miễn phí từ ngày 07/4/2026 đến 30/6/2026 theo Thông tư 40/2026/TT-BTC))', []);
    expect(r.feeAmountVnd).toBe(1000000);
    expect(r.fees.at(-1)).toMatchObject({ amountVnd: 0, validFrom: '2026-04-07', validTo: '2026-06-30' });
  });
});

describe('fee helpers', () => {
  it('parses Vietnamese and English digit grouping', () => {
    expect(parseNumber('135.000', false)).toEqual({ value: 135000, regular: true });
    expect(parseNumber('1,500,000', false)).toEqual({ value: 1500000, regular: true });
    expect(parseNumber('10.000.0000', false).regular).toBe(false);
  });

  it('reads validity ranges and open ends', () => {
    expect(validity('áp dụng đến hết ngày 31/12/2026')).toEqual({ validFrom: null, validTo: '2026-12-31' });
    expect(validity('Kể từ ngày 1/7/2025')).toEqual({ validFrom: '2025-07-01', validTo: null });
  });
});
