import { describe, expect, it } from 'vitest';
import { CODE_RULES, formatCode, mayIssueCode } from './throttle.workflow.ts';

describe('code issuance throttle', () => {
  const now = new Date('2026-01-01T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it('allows a first code and refuses a second within a minute', () => {
    expect(mayIssueCode([], now)).toEqual({ allowed: true });
    expect(mayIssueCode([ago(20_000)], now)).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(mayIssueCode([ago(61_000)], now)).toEqual({ allowed: true });
  });
  it('caps codes per hour', () => {
    const five = [1, 2, 3, 4, 50].map((m) => ago(m * 60_000 + 1000));
    expect(mayIssueCode(five, now).allowed).toBe(false);
    expect(mayIssueCode(five.slice(0, 4), now).allowed).toBe(true);
    expect(CODE_RULES.maxPerHour).toBe(5);
  });
  it('pads codes', () => {
    expect(formatCode(42)).toBe('000042');
  });
});
