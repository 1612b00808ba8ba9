/**
 * Limits against guessing. Counters are kept per login identifier (hashed; the same whether an
 * account exists or not, so a lockout reveals nothing) and per client IP (one machine trying many
 * accounts). Codes: few attempts each, and a minimum gap between two codes to one address.
 */

export interface ThrottleRule {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

const MINUTE = 60_000;

export const THROTTLE_RULES = {
  /** One identifier: 5 wrong passwords in 15 minutes lock it for 15 minutes. */
  identifier: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** One IP: 30 failures in 15 minutes (a shared office or school NAT stays usable) lock it for 15 minutes. */
  ip: { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** Second factor per account: 5 wrong TOTP codes in 15 minutes. */
  secondFactor: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

export const CODE_RULES = {
  /** How long a one-time code is valid. */
  ttlMs: 10 * MINUTE,
  /** Wrong entries before a code is spent. */
  maxAttempts: 5,
  /** Minimum gap between two codes to the same address for the same purpose. */
  resendGapMs: MINUTE,
  /** At most this many codes to one address per hour. */
  maxPerHour: 5,
} as const;

/** Whether a new code may be sent now, given when the last ones to the address were sent (newest first). */
export function mayIssueCode(recent: readonly Date[], now: Date): { allowed: true } | { allowed: false; retryAfterMs: number } {
  const newest = recent[0];
  if (newest && now.getTime() - newest.getTime() < CODE_RULES.resendGapMs) {
    return { allowed: false, retryAfterMs: CODE_RULES.resendGapMs - (now.getTime() - newest.getTime()) };
  }
  const lastHour = recent.filter((d) => now.getTime() - d.getTime() < 60 * MINUTE);
  if (lastHour.length >= CODE_RULES.maxPerHour) {
    const oldest = lastHour[lastHour.length - 1]!;
    return { allowed: false, retryAfterMs: 60 * MINUTE - (now.getTime() - oldest.getTime()) };
  }
  return { allowed: true };
}

/** A 6-digit code from a uniform random integer (no modulo bias: randomInt draws uniformly). */
export function formatCode(n: number): string {
  return String(n).padStart(6, '0');
}
