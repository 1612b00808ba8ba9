/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), written on node:crypto so the
 * second factor has no third-party code in its path. Pure apart from the HMAC: time is an argument.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  readonly algorithm?: TotpAlgorithm;
  readonly digits?: number;
  /** Seconds per step (RFC 6238's X). */
  readonly period?: number;
}

const DEFAULTS: Required<TotpOptions> = { algorithm: 'sha1', digits: 6, period: 30 };
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, the form authenticator apps take. */
export function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (any case, spaces and padding ignored). Throws on a character outside the alphabet. */
export function decodeBase32(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret (RFC 4226 recommends at least 128, SHA-1's block suits 160), base32. */
export function generateTotpSecret(): string {
  return encodeBase32(randomBytes(20));
}

/** HOTP value for one counter (RFC 4226 §5.3, dynamic truncation). */
export function hotp(key: Uint8Array, counter: bigint | number, options: TotpOptions = {}): string {
  const { algorithm, digits } = { ...DEFAULTS, ...options };
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The time step of a moment (RFC 6238 T = floor((unixtime − T0) / X), T0 = 0). */
export function totpStep(at: Date, period: number = DEFAULTS.period): number {
  return Math.floor(at.getTime() / 1000 / period);
}

/** The TOTP value at a moment. */
export function totp(key: Uint8Array, at: Date, options: TotpOptions = {}): string {
  return hotp(key, totpStep(at, options.period ?? DEFAULTS.period), options);
}

/**
 * Checks a code against the steps around `at` (one step either side, for clock drift and typing
 * time) and returns the matched step, or null. A step at or before `lastUsedStep` never matches,
 * so a code seen over someone's shoulder cannot be replayed.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  at: Date,
  options: TotpOptions & { window?: number; lastUsedStep?: number | null } = {},
): number | null {
  const digits = options.digits ?? DEFAULTS.digits;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const key = decodeBase32(secretBase32);
  const now = totpStep(at, options.period ?? DEFAULTS.period);
  const window = options.window ?? 1;
  for (let step = now - window; step <= now + window; step += 1) {
    if (options.lastUsedStep !== undefined && options.lastUsedStep !== null && step <= options.lastUsedStep) continue;
    const expected = Buffer.from(hotp(key, step, options));
    if (timingSafeEqual(expected, Buffer.from(code))) return step;
  }
  return null;
}

/** The otpauth:// URI authenticator apps read (Key Uri Format); the QR code of set-up pages encodes it. */
export function otpauthUri(secretBase32: string, issuer: string, accountName: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${params.toString()}`;
}
