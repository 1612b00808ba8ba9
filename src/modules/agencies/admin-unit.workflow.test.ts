import { describe, expect, it } from 'vitest';
import { deriveCommuneType, deriveLegacyUnitType, deriveProvinceType, foldUnitCoreName, foldVietnamese } from './admin-unit.workflow.ts';

describe('admin unit rules', () => {
  it('derives unit types from names', () => {
    expect(deriveProvinceType('Thành phố Hà Nội')).toBe('thành phố');
    expect(deriveProvinceType('Tỉnh Cà Mau')).toBe('tỉnh');
    expect(deriveCommuneType('Phường Ba Đình')).toBe('phường');
    expect(deriveCommuneType('Xã Bát Tràng')).toBe('xã');
    expect(deriveCommuneType('Đặc khu Côn Đảo')).toBe('đặc khu');
    expect(deriveLegacyUnitType('Thị trấn Trâu Quỳ')).toBe('thị trấn');
    expect(() => deriveCommuneType('Quận Ba Đình')).toThrow();
  });

  it('folds diacritics, đ and case', () => {
    expect(foldVietnamese('Phường Ba Đình')).toBe('phuong ba dinh');
    expect(foldVietnamese('Phường Ba Đình'.normalize('NFD'))).toBe('phuong ba dinh');
    expect(foldUnitCoreName('Phường Ba Đình')).toBe('ba dinh');
    expect(foldUnitCoreName('Phường 1')).toBe('phuong 1');
    expect(foldUnitCoreName('Thành phố Hồ Chí Minh')).toBe('ho chi minh');
  });
});
