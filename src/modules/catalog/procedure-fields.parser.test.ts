import { describe, expect, it } from 'vitest';
import type { ParseWarning } from './procedure.types.ts';
import { parseAddresses, parseDecision, parseLevels, parseRelated, parseSteps } from './procedure-fields.parser.ts';

describe('procedure list and text fields', () => {
  it('maps levels and keeps their text', () => {
    expect(parseLevels('Cấp bộ, Cấp tỉnh, Cơ quan khác')).toEqual({
      levels: ['ministry', 'province', 'other'],
      levelsText: ['Cấp bộ', 'Cấp tỉnh', 'Cơ quan khác'],
    });
  });

  it('flags irregular decision numbers', () => {
    expect(parseDecision('4864/QĐ-BCA-C06')).toEqual({ decisionNo: '4864/QĐ-BCA-C06', decisionNoIrregular: false });
    for (const odd of ['QĐ/0001-BCA', 'Demo/QĐ-BCA', 'SỐ 64/QĐ-NHNN', '2267./QĐ-BXD', 'QĐ2338-BTP', '1681']) {
      expect(parseDecision(odd).decisionNoIrregular).toBe(true);
    }
  });

  it('splits steps on "Bước N" and never drops text', () => {
    expect(parseSteps('a) Bước 1: Chuẩn bị.\nBước 2: Nộp, xem Bước 5: sau.\nBước 3. Nhận')).toEqual([
      'a)',
      'Bước 1: Chuẩn bị.',
      'Bước 2: Nộp, xem Bước 5: sau.',
      'Bước 3. Nhận',
    ]);
    expect(parseSteps('a) Nộp hồ sơ\nb) Nhận kết quả')).toEqual(['a) Nộp hồ sơ', 'b) Nhận kết quả']);
    expect(parseSteps('Không có thông tin')).toEqual([]);
  });

  it('splits "+" bulleted addresses but not agency names joined by " - "', () => {
    expect(parseAddresses('Trụ sở Cục A - Bộ Công an: + Số 44 Trần Phú, Hà Nội; + Số 333 Nguyễn Trãi, TP HCM')).toEqual([
      'Trụ sở Cục A - Bộ Công an:',
      'Số 44 Trần Phú, Hà Nội',
      'Số 333 Nguyễn Trãi, TP HCM',
    ]);
  });

  it('reads the related-procedures table once', () => {
    const sink: ParseWarning[] = [];
    expect(parseRelated('#Tên thủ tục1Thủ tục A2Thủ tục B#1Tên thủ tụcThủ tục A', sink)).toEqual(['Thủ tục A', 'Thủ tục B']);
    expect(parseRelated('Không có thông tin', sink)).toEqual([]);
    expect(sink).toEqual([]);
  });
});
