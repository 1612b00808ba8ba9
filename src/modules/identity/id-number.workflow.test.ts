import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIRTH_PROVINCE_CODES, centuryStart, checkIdNumber, readIdNumber } from './id-number.workflow.ts';

const ctx = { currentYear: 2026 };

describe('personal ID number structure (Circular 59/2021/TT-BCA, Art. 7)', () => {
  it('reads province, sex and birth year', () => {
    expect(readIdNumber('001090123456')).toEqual({ provinceCode: '001', sex: 'male', birthYear: 1990 });
    expect(readIdNumber('079305000001')).toEqual({ provinceCode: '079', sex: 'female', birthYear: 2005 });
  });

  it('maps every century-and-sex digit as the Circular does', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(centuryStart)).toEqual([1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300]);
  });

  it('knows the 63 birth-registration province codes', () => {
    expect(BIRTH_PROVINCE_CODES.size).toBe(63);
    expect(checkIdNumber('003090123456', ctx)).toBe('province');
    expect(checkIdNumber('097090123456', ctx)).toBe('province');
    expect(checkIdNumber('000090123456', ctx)).toBe('province');
  });

  it.each(['', '00109012345', '0010901234567', '00109012345a', '001 090123456', '００１０９０１２３４５６'])('rejects the malformed %j', (v) => {
    expect(checkIdNumber(v, ctx)).toBe('format');
  });

  it('rejects a birth year in the future and disagreement with date of birth or sex', () => {
    expect(checkIdNumber('001230123456', ctx)).toBe('birthYear'); // 2023 is fine…
    expect(checkIdNumber('001290123456', { currentYear: 2026 })).toBe('birthYear');
    expect(checkIdNumber('001090123456', { ...ctx, dateOfBirth: '1991-02-03' })).toBe('birthYear');
    expect(checkIdNumber('001090123456', { ...ctx, dateOfBirth: '1990-02-03', sex: 'female' })).toBe('sex');
    expect(checkIdNumber('001190123456', { ...ctx, dateOfBirth: '1990-02-03', sex: 'female' })).toBeNull();
    expect(checkIdNumber('001423123456', ctx)).toBe('birthYear');
  });

  it('accepts any number built by the rule (property)', () => {
    const codes = [...BIRTH_PROVINCE_CODES];
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.integer({ min: 1900, max: 2026 }), fc.boolean(), fc.integer({ min: 0, max: 999_999 }), (p, year, female, rest) => {
        const code = Math.floor((year - 1900) / 100) * 2 + (female ? 1 : 0);
        const value = `${p}${code}${String(year % 100).padStart(2, '0')}${String(rest).padStart(6, '0')}`;
        const sex = female ? 'female' : 'male';
        expect(checkIdNumber(value, { currentYear: 2026, dateOfBirth: `${year}-06-01`, sex })).toBeNull();
        expect(readIdNumber(value)).toEqual({ provinceCode: p, sex, birthYear: year });
      }),
    );
  });
});
