/** Webhook rules, pure: the signature integrators check, and when a failed delivery is tried again. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface RetryPolicy {
  /** Wait after the first failed attempt; doubles after each further failure. */
  baseMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
  /** Attempts before the delivery is dead (kept, with its last error, until replayed). */
  maxAttempts: number;
}

/** 1 min, 2, 4 … capped at 6 h: ten attempts over about 14.5 hours. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 6 * 60 * 60_000, maxAttempts: 10 };

/** How long to wait after the `attempt`-th failed attempt (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

/** What becomes of a delivery whose `attempts`-th attempt failed. */
export function afterFailure(attempts: number, policy: RetryPolicy, now: Date): { status: 'pending'; nextAttemptAt: Date } | { status: 'dead' } {
  if (attempts >= policy.maxAttempts) return { status: 'dead' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)) };
}

/** `sha256=<hex HMAC-SHA256 of "timestamp.body">`: the X-OpenDVC-Signature header. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a received webhook the way integrators should: the signature over the exact body bytes, in
 * constant time, and a timestamp within `toleranceSeconds` of now (so a captured request cannot be
 * replayed later).
 */
export function verifyWebhook(secret: string, headers: { signature?: string | null; timestamp?: string | null }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
