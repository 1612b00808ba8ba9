import { describe, expect, it } from 'vitest';
import { childCode, communePcCode, isAgencyCode, ministryCode, parentOfCode, provinceInstanceCode, provincePcCode } from './agency-code.workflow.ts';

describe('agency codes', () => {
  it('builds the four-level codes', () => {
    expect(ministryCode('G01')).toBe('000.00.00.G01');
    expect(childCode('000.00.00.G12', 8)).toBe('000.00.08.G12');
    expect(childCode('000.00.08.G12', 1)).toBe('000.01.08.G12');
    expect(childCode('000.01.08.G12', 7)).toBe('007.01.08.G12');
    expect(provincePcCode('01')).toBe('000.00.00.H01');
    expect(provinceInstanceCode('96', 20)).toBe('000.00.20.H96');
    expect(communePcCode('79', 163)).toBe('163.00.00.H79');
  });

  it('walks back up the hierarchy', () => {
    expect(parentOfCode('000.01.08.G12')).toBe('000.00.08.G12');
    expect(parentOfCode('000.00.08.G12')).toBe('000.00.00.G12');
    expect(parentOfCode('000.00.00.G12')).toBeNull();
  });

  it('rejects numbers that do not fit and malformed codes', () => {
    expect(() => childCode('000.00.00.G12', 100)).toThrow();
    expect(() => childCode('001.01.01.G12', 1)).toThrow();
    expect(isAgencyCode('000.00.00.H56')).toBe(true);
    expect(isAgencyCode('H56.14')).toBe(false);
  });
});
