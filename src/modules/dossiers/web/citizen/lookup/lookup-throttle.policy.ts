/**
 * How often one address may try the public lookup: a token bucket per IP, in this process's memory.
 * The lookup needs two secrets (the code and the ID number); the bucket keeps anyone from trying
 * ID numbers against a known code at speed. Per process: with N web processes an address gets N
 * buckets, which still bounds guessing to a few per minute.
 */
export interface ThrottleRules {
  /** Tries allowed at once. */
  burst: number;
  /** One more try every this many milliseconds. */
  refillMs: number;
}

export const LOOKUP_THROTTLE: ThrottleRules = { burst: 10, refillMs: 20_000 };
const MAX_TRACKED = 10_000;

export function createThrottle(rules: ThrottleRules, now: () => Date) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, t: number) => Math.min(rules.burst, bucket.tokens + (t - bucket.at) / rules.refillMs);
  return {
    /** Takes one try for `key`; when none is left, says how many seconds until the next. */
    take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
      const t = now().getTime();
      const bucket = buckets.get(key);
      const tokens = bucket ? refill(bucket, t) : rules.burst;
      if (tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil(((1 - tokens) * rules.refillMs) / 1000) };
      buckets.set(key, { tokens: tokens - 1, at: t });
      if (buckets.size > MAX_TRACKED) {
        // Full buckets carry no information: forget them first.
        for (const [k, b] of buckets) if (refill(b, t) >= rules.burst) buckets.delete(k);
      }
      return { ok: true };
    },
  };
}
