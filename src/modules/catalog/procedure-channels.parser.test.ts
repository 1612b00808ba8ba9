import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { parseChannels } from './procedure-channels.parser.ts';

const H = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

describe('parseChannels', () => {
  it('splits rows on glued channel names, not on names inside descriptions', () => {
    const sink: ParseWarning[] = [];
    const rows = parseChannels(
      `${H}Trực tiếpKhông có thông tinKhông có thông tinnộp hồ sơ trực tiếp tại trụ sở.Dịch vụ bưu chính3 GiờMiễn phíGửi hồ sơ.Trực tuyến2 ThángKhông có thông tinTrực tuyến: nộp hồ sơ qua Cổng.`,
      sink,
    );
    expect(rows.map((r) => [r.channel, r.durationText, r.duration, r.feeText, r.feeAmountVnd, r.description])).toEqual([
      ['in_person', null, null, null, null, 'nộp hồ sơ trực tiếp tại trụ sở.'],
      ['postal', '3 Giờ', { value: 3, unit: 'hours' }, 'Miễn phí', 0, 'Gửi hồ sơ.'],
      ['online', '2 Tháng', { value: 2, unit: 'months' }, null, null, 'Trực tuyến: nộp hồ sơ qua Cổng.'],
    ]);
    expect(sink).toEqual([]);
  });

  it('separates the fee note in brackets from the description', () => {
    const [row] = parseChannels(`${H}Trực tuyến5 Ngày làm việc135.000 VNĐ(đồng/lần (Thông tư 25))Nộp qua Cổng`, []);
    expect(row).toMatchObject({
      duration: { value: 5, unit: 'working_days' },
      feeText: '135.000 VNĐ(đồng/lần (Thông tư 25))',
      feeAmountVnd: 135000,
      description: 'Nộp qua Cổng',
    });
  });

  it('splits a unit-less duration from a glued amount', () => {
    const sink: ParseWarning[] = [];
    const [row] = parseChannels(`${H}Trực tuyến1100 VNĐ(Phí: 100.000 đồng/lần)`, sink);
    expect(row).toMatchObject({ durationText: '1', duration: null, feeAmountVnd: 100000 });
    expect(sink.map((w) => w.kind)).toEqual([
      'duration_fee_digits_split',
      'duration_unit_missing',
      'fee_amount_thousands_scaled',
    ]);
  });

  it('keeps a free-text duration and reports it', () => {
    const sink: ParseWarning[] = [];
    const [row] = parseChannels(`${H}Trực tuyếnKhông phải trả kết quảMiễn phíQua Cổng`, sink);
    expect(row).toMatchObject({ durationText: 'Không phải trả kết quả', duration: null, feeAmountVnd: 0 });
    expect(sink.map((w) => w.kind)).toEqual(['duration_free_text']);
  });

  it('reports an unbalanced fee note and text it cannot place', () => {
    const sink: ParseWarning[] = [];
    const rows = parseChannels(`lạ${H}Trực tiếp1 Ngày100.000 VNĐ(Lệ phí (miễn đến 30/6/2026)15 ngày`, sink);
    expect(rows).toHaveLength(1);
    expect(sink.map((w) => w.kind)).toEqual(['table_header_missing', 'unparsed_remainder', 'fee_note_unbalanced']);
  });
});
