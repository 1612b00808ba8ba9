import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { parseResults, splitPageTail } from './procedure-results.parser.ts';

const CHROME = 'Chọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Bộ ngành --Đơn vị-- Chọn Cơ sở --Nộp hồ sơ';

describe('parseResults', () => {
  it('cuts the page chrome (DOMAIN 15.2 example 1)', () => {
    expect(
      parseResults(`Công văn thông báo hủy tài khoản điện tử (NB10)Mã: KQ.G01.000068Từ khóaKhông có thông tinMô tảKhông có thông tin${CHROME}`, []),
    ).toEqual({
      results: [{ name: 'Công văn thông báo hủy tài khoản điện tử (NB10)', code: 'KQ.G01.000068' }],
      keywords: null,
      summary: null,
    });
  });

  it('splits several results and keeps the keywords cell', () => {
    const r = parseResults('Tiền trợ cấpMã: KQ.G24.000053- Bản quá trìnhMã: 000.00.00.G12-KQ0001Từ khóaCấp mới thẻ ABTCMô tảKhông có thông tin', []);
    expect(r.results).toEqual([
      { name: 'Tiền trợ cấp', code: 'KQ.G24.000053' },
      { name: 'Bản quá trình', code: '000.00.00.G12-KQ0001' },
    ]);
    expect(r.keywords).toBe('Cấp mới thẻ ABTC');
  });

  it('keeps irregular codes and reports them', () => {
    const sink: ParseWarning[] = [];
    expect(parseResults(`Bản sao giao dịchMã: dsfasTừ khóaKhông có thông tinMô tảKhông có thông tin${CHROME}`, sink).results).toEqual([
      { name: 'Bản sao giao dịch', code: 'dsfas' },
    ]);
    expect(sink.map((w) => w.kind)).toEqual(['result_code_irregular']);
  });

  it('splits the page tail from a cell', () => {
    expect(splitPageTail('Điều kiện ATừ khóaKhông có thông tinMô tảKhông có thông tin')).toEqual({
      body: 'Điều kiện A',
      keywords: null,
      summary: null,
      chrome: false,
    });
  });
});
