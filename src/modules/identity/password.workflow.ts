/** Password rules (NIST SP 800-63B: length over composition rules, refuse the obviously guessed). */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const COMMON = new Set([
  '1234567890', '12345678910', 'password123', 'matkhau123', 'qwertyuiop', '0123456789', 'abcd123456',
  'a123456789', '1111111111', 'iloveyou12', 'admin12345', 'password12', 'matkhau1234', '123456789a',
]);

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooCommon' | 'containsIdentifier';

/** The first problem with a new password, or null. `identifiers` are the e-mail/phone it must not contain. */
export function checkPassword(password: string, identifiers: readonly string[] = []): PasswordProblem | null {
  const value = password.normalize('NFC');
  if ([...value].length < PASSWORD_MIN) return 'tooShort';
  if ([...value].length > PASSWORD_MAX) return 'tooLong';
  const lower = value.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(value)) return 'tooCommon';
  for (const id of identifiers) {
    const local = id.split('@')[0] ?? '';
    if (local.length >= 4 && lower.includes(local.toLowerCase())) return 'containsIdentifier';
  }
  return null;
}
