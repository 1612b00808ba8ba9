import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { parseLegalBasis } from './procedure-legal-basis.parser.ts';

const H = 'Tên văn bản pháp lýMã văn bản';

describe('parseLegalBasis', () => {
  it('splits rows whose titles repeat the code (DOMAIN 15.2 example 3)', () => {
    expect(
      parseLegalBasis(`${H}QUY ĐỊNH MỨC THU, … TẠI VIỆT NAM25/2021/TT-BTCLuật 49/2019/QH1449/2019/QH14Quyết định số 09/2023/QĐ-TTg09/2023/QĐ-TTg`, []),
    ).toEqual([
      { title: 'QUY ĐỊNH MỨC THU, … TẠI VIỆT NAM', code: '25/2021/TT-BTC' },
      { title: 'Luật 49/2019/QH14', code: '49/2019/QH14' },
      { title: 'Quyết định số 09/2023/QĐ-TTg', code: '09/2023/QĐ-TTg' },
    ]);
  });

  it('does not let a code swallow the next title', () => {
    expect(
      parseLegalBasis(`${H}Quy định mẫu giấy tờ04/2015/TT-BCANhập cảnh tại Việt NamLuật 47/2014/QH13Thông tư 57/2020/TT-BCA57/2020/TT-BCA`, []),
    ).toEqual([
      { title: 'Quy định mẫu giấy tờ', code: '04/2015/TT-BCA' },
      { title: 'Nhập cảnh tại Việt Nam', code: '47/2014/QH13' },
      { title: 'Thông tư 57/2020/TT-BCA', code: '57/2020/TT-BCA' },
    ]);
    expect(parseLegalBasis(`${H}Mức thu phí25/2021/TT-BTCQUY ĐỊNH VỀ PHÍ26/2022/TT-BTC`, [])).toEqual([
      { title: 'Mức thu phí', code: '25/2021/TT-BTC' },
      { title: 'QUY ĐỊNH VỀ PHÍ', code: '26/2022/TT-BTC' },
    ]);
  });

  it('separates a year ending the title from the code number', () => {
    expect(parseLegalBasis(`${H}Luật Khiếu nại năm 201102/2011/QH13`, [])).toEqual([
      { title: 'Luật Khiếu nại năm 2011', code: '02/2011/QH13' },
    ]);
  });

  it('keeps a title that quotes a code with its date', () => {
    expect(parseLegalBasis(`${H}Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an53/2025/TT-BCA`, [])).toEqual([
      { title: 'Thông tư số 53/2025/TT-BCA ngày 01/7/2025 của Bộ Công an', code: '53/2025/TT-BCA' },
    ]);
  });

  it('maps no information to [] and keeps code-less rows with a warning', () => {
    expect(parseLegalBasis('Không có thông tin', [])).toEqual([]);
    const sink: ParseWarning[] = [];
    expect(parseLegalBasis(`${H}Luật Hóa chất`, sink)).toEqual([{ title: 'Luật Hóa chất', code: null }]);
    expect(parseLegalBasis(`${H}Nghị định số 46/2020/NĐ-CP46/2020`, sink)).toEqual([
      { title: 'Nghị định số 46/2020/NĐ-CP', code: '46/2020' },
    ]);
    expect(sink.map((w) => w.kind)).toEqual(['legal_basis_without_code', 'legal_code_incomplete']);
  });
});
