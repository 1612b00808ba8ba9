import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, generateTotpSecret, hotp, otpauthUri, totp, verifyTotp } from './totp.workflow.ts';

// RFC 6238 Appendix B: the seeds are the ASCII digits repeated to the hash's length.
const seeds = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const vectors: Array<[number, string, string, string]> = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(vectors)('matches the RFC test vectors at T=%d', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(totp(seeds.sha1, at, { digits: 8, algorithm: 'sha1' })).toBe(sha1);
    expect(totp(seeds.sha256, at, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(seeds.sha512, at, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(seeds.sha1, i))).toEqual(expected);
  });

  it('round-trips base32', () => {
    expect(encodeBase32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(decodeBase32('mzxw 6ytb oi==').toString()).toBe('foobar');
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(encodeBase32(decodeBase32(secret))).toBe(secret);
    expect(() => decodeBase32('abc1')).toThrow();
  });

  it('accepts one step of drift either side, refuses replays and wrong shapes', () => {
    const secret = encodeBase32(seeds.sha1);
    const at = new Date(1_700_000_000_000);
    const now = totp(seeds.sha1, at);
    const step = Math.floor(1_700_000_000 / 30);
    expect(verifyTotp(secret, now, at)).toBe(step);
    expect(verifyTotp(secret, totp(seeds.sha1, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(verifyTotp(secret, totp(seeds.sha1, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(verifyTotp(secret, totp(seeds.sha1, new Date(at.getTime() - 90_000)), at)).toBeNull();
    expect(verifyTotp(secret, now, at, { lastUsedStep: step })).toBeNull();
    expect(verifyTotp(secret, '12345', at)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at)).toBeNull();
  });

  it('builds the otpauth URI', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'OpenDVC', 'an@example.vn');
    expect(uri).toBe('otpauth://totp/OpenDVC:an%40example.vn?secret=JBSWY3DPEHPK3PXP&issuer=OpenDVC&algorithm=SHA1&digits=6&period=30');
  });
});
