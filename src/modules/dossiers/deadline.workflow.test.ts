import { describe, expect, it } from 'vitest';
import { createSeedCalendarSource } from './holiday-calendar.seed.ts';
import type { HolidayCalendarYear } from './holiday-calendar.types.ts';
import { createWorkingCalendar } from './holiday-calendar.workflow.ts';
import {
  classifyCompletion,
  classifyProgress,
  computeDue,
  DEFAULT_DEADLINE_RULES,
  extendDueForPause,
  selectChannelDuration,
  type Duration,
} from './deadline.workflow.ts';
import { formatVietnamTime, parseVietnamTime } from './working-time.workflow.ts';

// The 2025 calendar as DOMAIN §6.5 records it (the fixture of the worked examples, DOMAIN §6.4).
const CALENDAR_2025: HolidayCalendarYear = {
  year: 2025,
  holidays: [
    { date: '2025-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
    ...['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01'].map((date) => ({ date, name: 'Tết Nguyên Đán', kind: 'holiday' as const })),
    { date: '2025-01-27', name: 'Nghỉ Tết (hoán đổi)', kind: 'swap_off' },
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: '2025-04-30', name: 'Ngày Giải phóng miền Nam', kind: 'holiday' },
    { date: '2025-05-01', name: 'Quốc tế Lao động', kind: 'holiday' },
    { date: '2025-05-02', name: 'Nghỉ lễ (hoán đổi với 26/4)', kind: 'swap_off' },
    { date: '2025-09-01', name: 'Quốc khánh', kind: 'holiday' },
    { date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' },
  ],
  workingDays: [
    { date: '2025-02-08', reason: 'Làm bù 27/1' },
    { date: '2025-04-26', reason: 'Làm bù 2/5' },
  ],
};
const fixture = createWorkingCalendar([CALENDAR_2025]);
const seeded = createWorkingCalendar(createSeedCalendarSource(process.cwd()));

const at = (text: string) => parseVietnamTime(text)!;
const due = (received: string, duration: Duration, calendar = fixture, rules = DEFAULT_DEADLINE_RULES) =>
  formatVietnamTime(computeDue(at(received), duration, calendar, rules));

describe('worked examples (DOMAIN §6.4)', () => {
  for (const [name, calendar] of [['fixture', fixture], ['seeded calendar', seeded]] as const) {
    describe(`with the 2025 ${name}`, () => {
      it('1. Tue 2025-03-04 10:00 + 3 working days → Fri 2025-03-07 10:00', () => {
        expect(due('2025-03-04T10:00', { value: 3, unit: 'working_days' }, calendar)).toBe('2025-03-07T10:00:00+07:00');
        expect(due('2025-03-04T10:00', { value: 24, unit: 'hours' }, calendar)).toBe('2025-03-07T10:00:00+07:00');
      });
      it('2. Wed 2025-03-05 17:30 + 1 working day → Fri 2025-03-07 07:00', () => {
        expect(due('2025-03-05T17:30', { value: 1, unit: 'working_days' }, calendar)).toBe('2025-03-07T07:00:00+07:00');
      });
      it('3. Tue 2025-04-29 09:00 + 2 working days → Tue 2025-05-06 09:00 (holidays, swap, weekend)', () => {
        expect(due('2025-04-29T09:00', { value: 2, unit: 'working_days' }, calendar)).toBe('2025-05-06T09:00:00+07:00');
      });
      it('4. Mon 2025-03-03 10:00 + 5 calendar days → Sat, pushed to Mon 2025-03-10 10:00', () => {
        expect(due('2025-03-03T10:00', { value: 5, unit: 'days' }, calendar)).toBe('2025-03-10T10:00:00+07:00');
      });
    });
  }

  it('3. with only the statutory holidays (no swap) would be one day too early: Mon 2025-05-05 09:00', () => {
    const statutoryOnly = createWorkingCalendar([{ ...CALENDAR_2025, holidays: CALENDAR_2025.holidays.filter((h) => h.kind === 'holiday'), workingDays: [] }]);
    expect(due('2025-04-29T09:00', { value: 2, unit: 'working_days' }, statutoryOnly)).toBe('2025-05-05T09:00:00+07:00');
  });
});

describe('receipt normalisation (DOMAIN §6.2 step 1)', () => {
  const zero = { value: 0, unit: 'hours' } as const;
  it('moves a receipt before 07:00 to 07:00, in the lunch break to 13:30, at or after 17:00 to the next morning', () => {
    expect(due('2025-03-04T06:15', zero)).toBe('2025-03-04T07:00:00+07:00');
    expect(due('2025-03-04T11:30', zero)).toBe('2025-03-04T13:30:00+07:00');
    expect(due('2025-03-04T12:10', zero)).toBe('2025-03-04T13:30:00+07:00');
    expect(due('2025-03-04T17:00', zero)).toBe('2025-03-05T07:00:00+07:00');
    expect(due('2025-03-07T18:00', zero)).toBe('2025-03-10T07:00:00+07:00');
  });
  it('starts a receipt on a day off (online, weekend or holiday) at the next working morning', () => {
    expect(due('2025-03-08T10:00', { value: 1, unit: 'working_days' })).toBe('2025-03-11T07:00:00+07:00');
    expect(due('2025-04-30T10:00', { value: 1, unit: 'working_days' })).toBe('2025-05-06T07:00:00+07:00');
  });
  it('counts a working Saturday (Sat 2025-04-26) as a working day', () => {
    expect(due('2025-04-25T10:00', { value: 1, unit: 'working_days' })).toBe('2025-04-26T10:00:00+07:00');
  });
  it('reads times in any offset and drops seconds', () => {
    expect(due('2025-03-04T03:00:59Z', { value: 3, unit: 'working_days' })).toBe('2025-03-07T10:00:00+07:00');
  });
});

describe('working hours (DOMAIN §6.2 step 3)', () => {
  it('skips the lunch break and carries past 17:00 into the next working morning', () => {
    expect(due('2025-03-04T10:00', { value: 2, unit: 'hours' })).toBe('2025-03-04T14:00:00+07:00');
    expect(due('2025-03-04T10:00', { value: 1.5, unit: 'hours' })).toBe('2025-03-04T11:30:00+07:00');
    expect(due('2025-03-04T14:00', { value: 4, unit: 'hours' })).toBe('2025-03-05T08:00:00+07:00');
    expect(due('2025-03-07T14:00', { value: 4, unit: 'hours' })).toBe('2025-03-10T08:00:00+07:00');
  });
  it('ends on 17:00 rather than the next 07:00 when the hours run out exactly', () => {
    expect(due('2025-03-04T14:00', { value: 3, unit: 'hours' })).toBe('2025-03-04T17:00:00+07:00');
  });
  it('splits hours into whole days and a remainder (8 hours a day)', () => {
    expect(due('2025-03-04T16:00', { value: 9, unit: 'hours' })).toBe('2025-03-05T17:00:00+07:00');
    expect(due('2025-03-04T16:00', { value: 10, unit: 'hours' })).toBe('2025-03-06T08:00:00+07:00');
    expect(due('2025-03-04T10:00', { value: 0.5, unit: 'working_days' })).toBe('2025-03-04T16:00:00+07:00');
  });
});

describe('forwarding cut-off 15:00 for same-day procedures (DOMAIN §3.1, §6.2)', () => {
  it('counts a same-day dossier received after 15:00 from the next working morning', () => {
    expect(due('2025-03-04T15:30', { value: 1, unit: 'hours' })).toBe('2025-03-05T08:00:00+07:00');
    expect(due('2025-03-07T16:00', { value: 4, unit: 'hours' })).toBe('2025-03-10T11:00:00+07:00');
  });
  it('leaves a receipt at 15:00 sharp, and procedures of a day or more, alone', () => {
    expect(due('2025-03-04T15:00', { value: 1, unit: 'hours' })).toBe('2025-03-04T16:00:00+07:00');
    expect(due('2025-03-04T16:00', { value: 1, unit: 'working_days' })).toBe('2025-03-05T16:00:00+07:00');
  });
  it('never makes a shorter procedure due after a one-day one', () => {
    expect(due('2025-03-04T16:00', { value: 7.75, unit: 'hours' })).toBe('2025-03-05T16:00:00+07:00');
  });
  it('can be switched off', () => {
    const rules = { ...DEFAULT_DEADLINE_RULES, forwardingCutoff: null };
    expect(due('2025-03-04T15:30', { value: 1, unit: 'hours' }, fixture, rules)).toBe('2025-03-04T16:30:00+07:00');
  });
});

describe('calendar days and months (DOMAIN §6.2 step 4)', () => {
  it('counts holidays as days unless the flag says to skip them, and always ends on a working day', () => {
    expect(due('2025-04-28T10:00', { value: 2, unit: 'days' })).toBe('2025-05-05T10:00:00+07:00');
    const skip = { ...DEFAULT_DEADLINE_RULES, skipHolidaysInCalendarDays: true };
    expect(due('2025-04-28T10:00', { value: 4, unit: 'days' }, fixture, skip)).toBe('2025-05-05T10:00:00+07:00');
    expect(due('2025-04-28T10:00', { value: 6, unit: 'days' }, fixture, skip)).toBe('2025-05-07T10:00:00+07:00');
  });
  it('adds months to the same date, clamped to the month end, then off days off', () => {
    expect(due('2025-12-31T09:00', { value: 2, unit: 'months' }, seeded)).toBe('2026-03-02T09:00:00+07:00');
    expect(due('2025-07-31T09:00', { value: 2, unit: 'months' }, seeded)).toBe('2025-09-30T09:00:00+07:00');
    expect(due('2025-03-31T09:00', { value: 1, unit: 'months' })).toBe('2025-05-05T09:00:00+07:00');
    expect(due('2025-03-04T09:00', { value: 2, unit: 'months' }, seeded)).toBe('2025-05-05T09:00:00+07:00');
    expect(due('2025-11-14T09:00', { value: 3, unit: 'months' }, seeded)).toBe('2026-02-23T09:00:00+07:00');
  });
  it('crosses into a year the calendar lacks only with a source that has it', () => {
    expect(() => due('2025-12-31T09:00', { value: 1, unit: 'working_days' })).toThrow(/no holiday calendar for 2026/);
    expect(due('2025-12-31T09:00', { value: 1, unit: 'working_days' }, seeded)).toBe('2026-01-02T09:00:00+07:00');
  });
  it('refuses durations the engine cannot compute', () => {
    expect(() => due('2025-03-04T10:00', { value: -1, unit: 'days' })).toThrow(RangeError);
    expect(() => due('2025-03-04T10:00', { value: 1.5, unit: 'months' })).toThrow(/whole number/);
    expect(() => due('2025-03-04T10:00', { value: 1 / 7, unit: 'hours' })).toThrow(/minutes/);
  });
});

describe('pauses (DOMAIN §3.4, §3.5)', () => {
  it('moves the due time by the working time that passed while waiting for the citizen', () => {
    const old = at('2025-03-07T10:00');
    // Paused Wed 16:00 → Mon 08:00: 1 h on Wed + 8 h on Thu + 8 h on Fri + 1 h on Mon = 18 working hours;
    // Fri 10:00 + 16 h = Tue 10:00, + 2 h (1.5 h to 11:30, 0.5 h from 13:30) = Tue 14:00.
    const moved = extendDueForPause(old, { from: at('2025-03-05T16:00'), to: at('2025-03-10T08:00') }, fixture);
    expect(formatVietnamTime(moved)).toBe('2025-03-11T14:00:00+07:00');
  });
  it('leaves the due time alone for a pause outside working hours', () => {
    const old = at('2025-03-07T10:00');
    expect(extendDueForPause(old, { from: at('2025-03-07T17:30'), to: at('2025-03-10T06:00') }, fixture)).toEqual(old);
  });
});

describe('classification (DOMAIN §6.3)', () => {
  const dueAt = at('2025-03-07T10:00');
  it('is early before the due day, on time on it up to the due minute, late after', () => {
    expect(classifyCompletion(dueAt, at('2025-03-06T16:59'))).toBe('early');
    expect(classifyCompletion(dueAt, at('2025-03-07T07:00'))).toBe('on_time');
    expect(classifyCompletion(dueAt, at('2025-03-07T10:00:59'))).toBe('on_time');
    expect(classifyCompletion(dueAt, at('2025-03-07T10:01'))).toBe('late');
  });
  it('tells unfinished dossiers in progress from in progress and late', () => {
    expect(classifyProgress(dueAt, null, at('2025-03-07T09:00'))).toBe('in_progress');
    expect(classifyProgress(dueAt, null, at('2025-03-07T11:00'))).toBe('in_progress_late');
    expect(classifyProgress(dueAt, at('2025-03-05T09:00'), at('2025-03-09T09:00'))).toBe('early');
  });
});

describe('per-channel durations (DOMAIN §6.1)', () => {
  const channels = [
    { channel: 'online' as const, duration: { value: 3, unit: 'working_days' as const } },
    { channel: 'in_person' as const, duration: { value: 5, unit: 'working_days' as const } },
  ];
  it("picks the channel's duration; postal falls back to in person", () => {
    expect(selectChannelDuration(channels, 'online')).toEqual({ value: 3, unit: 'working_days' });
    expect(selectChannelDuration(channels, 'postal')).toEqual({ value: 5, unit: 'working_days' });
    expect(selectChannelDuration(channels.slice(1), 'online')).toBeNull();
  });
});
