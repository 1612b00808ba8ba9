import { describe, expect, it } from 'vitest';
import { createCsrf } from './csrf.ts';
import { createCookieSigner, newCookieToken } from './session-cookie.ts';

describe('signed cookies', () => {
  const signer = createCookieSigner('x'.repeat(32));

  it('round-trips and refuses tampering, another name or another secret', () => {
    const signed = signer.sign('sid', 'abc');
    expect(signer.unsign('sid', signed)).toBe('abc');
    expect(signer.unsign('other', signed)).toBeNull();
    expect(signer.unsign('sid', signed.replace('abc', 'abd'))).toBeNull();
    expect(signer.unsign('sid', 'abc')).toBeNull();
    expect(signer.unsign('sid', undefined)).toBeNull();
    expect(createCookieSigner('y'.repeat(32)).unsign('sid', signed)).toBeNull();
  });

  it('makes 256-bit tokens and purpose-bound digests', () => {
    expect(newCookieToken()).toMatch(/^[\w-]{43}$/);
    expect(signer.digest('a', 'v').equals(signer.digest('b', 'v'))).toBe(false);
  });
});

describe('CSRF synchronizer tokens', () => {
  const csrf = createCsrf('s'.repeat(32));
  it('accepts the token of the same binding only', () => {
    const token = csrf.tokenFor('session-1');
    expect(csrf.verify('session-1', token)).toBe(true);
    expect(csrf.verify('session-2', token)).toBe(false);
    expect(csrf.verify(null, token)).toBe(false);
    expect(csrf.verify('session-1', undefined)).toBe(false);
    expect(csrf.verify('session-1', '')).toBe(false);
    expect(csrf.verify('session-1', [token])).toBe(false);
  });
});
