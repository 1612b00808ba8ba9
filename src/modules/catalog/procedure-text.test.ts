import { describe, expect, it } from 'vitest';
import { clean, cleanOrNull, closingParen, isNoInfo, listCell, splitTopLevel } from './procedure-text.ts';

describe('procedure text helpers', () => {
  it('normalises to NFC and collapses whitespace', () => {
    expect(clean(' Ho\u0302̀ \n so\u031b  ')).toBe('Hồ sơ'.normalize('NFC'));
  });

  it('treats "Không có thông tin" as no information', () => {
    expect(isNoInfo('Không có thông tin')).toBe(true);
    expect(isNoInfo(' Không có thông tin. ')).toBe(true);
    expect(isNoInfo('Không')).toBe(false);
    expect(cleanOrNull('Không có thông tin')).toBeNull();
    expect(cleanOrNull('')).toBeNull();
  });

  it('splits lists only outside brackets', () => {
    expect(listCell('Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX); Công dân Việt Nam')).toEqual([
      'Doanh nghiệp',
      'Tổ chức (không bao gồm doanh nghiệp, HTX)',
      'Công dân Việt Nam',
    ]);
    expect(splitTopLevel('a, Không có thông tin, b', ',')).toEqual(['a', 'b']);
    expect(listCell('Cục an ninh mạng và phòng, chống tội phạm, Công an tỉnh')).toEqual([
      'Cục an ninh mạng và phòng, chống tội phạm',
      'Công an tỉnh',
    ]);
  });

  it('finds the closing bracket or reports an unbalanced one', () => {
    expect(closingParen('x(a(b)c)d', 1)).toBe(8);
    expect(closingParen('x(a(b c', 1)).toBe(-1);
  });
});
