/**
 * Signed cookies for sessions and pre-session (anonymous form) bindings. The value is
 * `<payload>.<HMAC-SHA-256(secret, name + payload)>`: a cookie cannot be forged nor moved to
 * another cookie name. The secret is the application secret (platform/crypto/app-secret.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CookieSigner {
  sign(name: string, value: string): string;
  /** The original value, or null when the signature is missing or wrong. */
  unsign(name: string, signed: string | undefined): string | null;
  /** A keyed digest for values stored server-side (session tokens, one-time codes). */
  digest(purpose: string, value: string): Buffer;
}

export function createCookieSigner(secret: string): CookieSigner {
  const mac = (data: string) => createHmac('sha256', secret).update(data).digest('base64url');
  return {
    sign: (name, value) => `${value}.${mac(`${name}=${value}`)}`,
    unsign(name, signed) {
      if (!signed) return null;
      const dot = signed.lastIndexOf('.');
      if (dot <= 0) return null;
      const value = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1));
      const expected = Buffer.from(mac(`${name}=${value}`));
      return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
    },
    digest: (purpose, value) => createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest(),
  };
}

/** A new random token for a cookie (256 bits, URL-safe). */
export function newCookieToken(): string {
  return randomBytes(32).toString('base64url');
}
