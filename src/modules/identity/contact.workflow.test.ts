import { describe, expect, it } from 'vitest';
import { maskContact, normaliseEmail, normalisePhone, parseContact, phoneToE164 } from './contact.workflow.ts';

describe('Vietnamese mobile numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['(+84) 32-123-4567', '0321234567'],
    ['0551234567', '0551234567'],
    ['0871234567', '0871234567'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each(['', '091234567', '09123456789', '0951234567', '0212345678', '0112345678', '+85512345678', '0912a45678', '+840912345678', '0241234567'])(
    'rejects %j',
    (input) => {
      expect(normalisePhone(input)).toBeNull();
    },
  );

  it('gives the international form', () => {
    expect(phoneToE164('0912345678')).toBe('+84912345678');
  });
});

describe('e-mail addresses and login identifiers', () => {
  it('normalises case and Unicode, rejects non-addresses', () => {
    expect(normaliseEmail('  An.Nguyen@Example.VN ')).toBe('an.nguyen@example.vn');
    expect(normaliseEmail('nobody')).toBeNull();
    expect(normaliseEmail('a@b')).toBeNull();
    expect(normaliseEmail('a b@c.vn')).toBeNull();
  });

  it('tells e-mail from phone', () => {
    expect(parseContact('x@y.vn')).toEqual({ channel: 'email', value: 'x@y.vn' });
    expect(parseContact('0912345678')).toEqual({ channel: 'sms', value: '0912345678' });
    expect(parseContact('12345')).toBeNull();
  });

  it('masks contacts', () => {
    expect(maskContact({ channel: 'email', value: 'nguyen@example.vn' })).toBe('ng***@example.vn');
    expect(maskContact({ channel: 'sms', value: '0912345678' })).toBe('09******78');
  });
});
