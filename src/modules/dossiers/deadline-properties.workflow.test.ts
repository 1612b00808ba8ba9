import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyCompletion,
  computeDue,
  DEFAULT_DEADLINE_RULES,
  extendDueByWorkingMinutes,
  extendDueForPause,
  type Duration,
  type DurationUnit,
} from './deadline.workflow.ts';
import { createSeedCalendarSource } from './holiday-calendar.seed.ts';
import { createWorkingCalendar } from './holiday-calendar.workflow.ts';
import { DEFAULT_WORKING_HOURS, normalizeStart, workingMinutesBetween } from './working-hours.workflow.ts';
import { compareMoments, toLocalMoment } from './working-time.workflow.ts';

// Properties over the seeded calendars of 2024–2028 (holidays, compensatory days, 2025's swaps).
const calendar = createWorkingCalendar(createSeedCalendarSource(process.cwd()));
const hours = DEFAULT_WORKING_HOURS;
const FROM = Date.UTC(2023, 11, 31, 17);
const TO = Date.UTC(2027, 5, 30, 17);

const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const anyUnit = fc.constantFrom<DurationUnit>('working_days', 'hours', 'days', 'months');
/** A value of `unit`, from small numbers of minutes to a few months. */
const valueOf = (unit: DurationUnit) =>
  unit === 'hours'
    ? fc.integer({ min: 0, max: 480 * 30 }).map((m) => m / 60)
    : unit === 'working_days'
      ? fc.integer({ min: 0, max: 2 * 60 }).map((halves) => halves / 2)
      : fc.integer({ min: 0, max: unit === 'days' ? 200 : 12 });
const duration = anyUnit.chain((unit) => valueOf(unit).map((value): Duration => ({ value, unit })));
const due = (received: Date, d: Duration) => computeDue(received, d, calendar);
const local = toLocalMoment;

const isInWorkingHours = (at: Date) => {
  const { day, minute } = local(at);
  return calendar.isWorkingDay(day) && hours.sessions.some((s) => minute >= s.start && minute <= s.end);
};

describe('deadline properties', () => {
  it('is never before the receipt (to the minute)', () => {
    fc.assert(fc.property(instant, duration, (received, d) => compareMoments(local(due(received, d)), local(received)) >= 0));
  });

  it('always falls inside working hours on a working day', () => {
    fc.assert(fc.property(instant, duration, (received, d) => isInWorkingHours(due(received, d))));
  });

  it('is monotonic in the receipt time: to the minute in working time, to the day in calendar units', () => {
    fc.assert(
      fc.property(instant, instant, duration, (a, b, d) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [x, y] = [local(due(early, d)), local(due(late, d))];
        return d.unit === 'working_days' || d.unit === 'hours' ? compareMoments(x, y) <= 0 : x.day <= y.day;
      }),
    );
  });

  it('is monotonic in the value', () => {
    fc.assert(
      fc.property(instant, anyUnit.chain((unit) => fc.tuple(fc.constant(unit), valueOf(unit), valueOf(unit))), (received, [unit, v, w]) => {
        const [small, big] = v <= w ? [v, w] : [w, v];
        return due(received, { value: small, unit }) <= due(received, { value: big, unit });
      }),
    );
  });

  it('adds exactly the working time asked for (no cut-off)', () => {
    const rules = { ...DEFAULT_DEADLINE_RULES, forwardingCutoff: null };
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 480 * 25 }), (received, minutes) => {
        const start = normalizeStart(local(received), hours, calendar);
        const result = computeDue(received, { value: minutes / 60, unit: 'hours' }, calendar, rules);
        expect(workingMinutesBetween(start, local(result), hours, calendar)).toBe(minutes);
      }),
    );
  });

  it('adding n then m working days is adding n + m', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (received, n, m) => {
        const stepwise = due(due(received, { value: n, unit: 'working_days' }), { value: m, unit: 'working_days' });
        expect(stepwise).toEqual(due(received, { value: n + m, unit: 'working_days' }));
      }),
    );
  });

  it('a pause of P working hours moves the due time by exactly P working hours', () => {
    fc.assert(
      fc.property(instant, duration, fc.integer({ min: 0, max: 480 * 20 }), (received, d, paused) => {
        const before = due(received, d);
        const after = extendDueByWorkingMinutes(before, paused, calendar);
        expect(workingMinutesBetween(local(before), local(after), hours, calendar)).toBe(paused);
        expect(isInWorkingHours(after)).toBe(true);
      }),
    );
  });

  it('a pause between two times moves the due time by the working time between them', () => {
    fc.assert(
      fc.property(instant, instant, instant, (at, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const before = due(at, { value: 10, unit: 'working_days' });
        const after = extendDueForPause(before, { from, to }, calendar);
        const paused = workingMinutesBetween(local(from), local(to), hours, calendar);
        expect(workingMinutesBetween(local(before), local(after), hours, calendar)).toBe(paused);
      }),
    );
  });

  it('classifies consistently: late exactly after the due minute, early only before the due day, ordered in time', () => {
    fc.assert(
      fc.property(instant, instant, instant, (dueAt, a, b) => {
        const rank = { early: 0, on_time: 1, late: 2 } as const;
        const c = classifyCompletion(dueAt, a);
        expect(c === 'late').toBe(compareMoments(local(a), local(dueAt)) > 0);
        if (c === 'early') expect(local(a).day).toBeLessThan(local(dueAt).day);
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(rank[classifyCompletion(dueAt, x)]).toBeLessThanOrEqual(rank[classifyCompletion(dueAt, y)]);
      }),
    );
  });
});

describe('working-time units', () => {
  it('agree: N working days is 8N hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), (received, n) => {
        expect(due(received, { value: n, unit: 'working_days' })).toEqual(due(received, { value: 8 * n, unit: 'hours' }));
      }),
    );
  });
});
