import { describe, expect, it } from 'vitest';
import { createThrottle } from './lookup-throttle.policy.ts';

describe('the lookup throttle (a token bucket per address)', () => {
  it('allows a burst, then one try per refill period, and says how long to wait', () => {
    let now = Date.parse('2026-11-22T08:00:00Z');
    const throttle = createThrottle({ burst: 3, refillMs: 20_000 }, () => new Date(now));
    expect([1, 2, 3].map(() => throttle.take('a').ok)).toEqual([true, true, true]);
    expect(throttle.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    now += 5_000;
    expect(throttle.take('a')).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(throttle.take('b').ok).toBe(true);
    now += 15_000;
    expect(throttle.take('a').ok).toBe(true);
    expect(throttle.take('a').ok).toBe(false);
    now += 10 * 60_000;
    expect([1, 2, 3, 4].map(() => throttle.take('a').ok)).toEqual([true, true, true, false]);
  });
});
