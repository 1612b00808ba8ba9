import { describe, expect, it } from 'vitest';
import { checkPassword } from './password.workflow.ts';

describe('password rules', () => {
  it.each([
    ['short1', 'tooShort'],
    ['1234567890', 'tooCommon'],
    ['aaaaaaaaaaaa', 'tooCommon'],
    ['x'.repeat(129), 'tooLong'],
    ['nguyenvan-an-2026', 'containsIdentifier'],
  ])('%j → %s', (pw, problem) => {
    expect(checkPassword(pw, ['nguyenvan@example.vn'])).toBe(problem);
  });
  it('accepts a long passphrase, counting Vietnamese letters as one character each', () => {
    expect(checkPassword('trời hôm nay đẹp')).toBeNull();
    expect(checkPassword('đườngđườngđ')).toBeNull();
  });
});
