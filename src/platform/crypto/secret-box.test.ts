import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox('a'.repeat(32), 'test');

  it('round-trips text, with a fresh nonce each time', () => {
    const sealed = box.seal('bí mật của ứng dụng');
    expect(sealed).not.toContain('bí mật');
    expect(box.open(sealed)).toBe('bí mật của ứng dụng');
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses tampered data, another purpose and another secret', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox('a'.repeat(32), 'other').open(sealed)).toThrow();
    expect(() => createSecretBox('b'.repeat(32), 'test').open(sealed)).toThrow();
    expect(() => box.open('garbage')).toThrow(/Not a sealed secret/);
  });
});
