import { describe, expect, it } from 'vitest';
import type { HolidayCalendarYear } from '../holiday-calendar.types.ts';
import { effectExamples } from './calendar-effect.workflow.ts';
import { addDayOff, addWorkingDay, changedDates, checkCalendar, parseDateInput, removeDay, sameDays } from './calendar-edit.workflow.ts';

const base: HolidayCalendarYear = {
  year: 2026,
  holidays: [
    { date: '2026-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
    { date: '2026-05-01', name: 'Quốc tế Lao động', kind: 'holiday' },
  ],
  workingDays: [],
};
const codes = (outcome: ReturnType<typeof addDayOff>) => (outcome.ok ? [] : outcome.problems.map((p) => `${p.field}:${p.code}`));

describe('parsing typed dates', () => {
  it('reads dd/mm/yyyy, d/m, dd-mm-yyyy and ISO, within the page year', () => {
    expect(parseDateInput('02/09/2026', 2026)).toEqual({ ok: true, date: '2026-09-02' });
    expect(parseDateInput(' 2/9 ', 2026)).toEqual({ ok: true, date: '2026-09-02' });
    expect(parseDateInput('2-9-2026', 2026)).toEqual({ ok: true, date: '2026-09-02' });
    expect(parseDateInput('2026-09-02', 2026)).toEqual({ ok: true, date: '2026-09-02' });
  });

  it('names what is wrong: nothing typed, not a real date, another year', () => {
    const code = (text: string) => {
      const parsed = parseDateInput(text, 2026);
      return parsed.ok ? null : parsed.problem.code;
    };
    expect(code('')).toBe('date_missing');
    expect(code('31/02/2026')).toBe('date_format');
    expect(code('hôm qua')).toBe('date_format');
    expect(code('2026-9-2x')).toBe('date_format');
    expect(code('02/09/2027')).toBe('date_outside_year');
  });
});

describe('adding and removing days', () => {
  it('adds a day off in date order, with its reference, text cleaned and NFC', () => {
    const outcome = addDayOff(base, { date: '01/05/2026', name: 'x', kind: 'holiday', reference: '' });
    expect(codes(outcome)).toEqual(['date:date_already_off']);
    const added = addDayOff(base, { date: '2/1/2026', name: '  Nghỉ  bù Tết Dương lịch ', kind: 'compensatory', reference: 'Thông báo 1' });
    expect(added.ok && added.calendar.holidays[0]).toEqual({ date: '2026-01-02', name: 'Nghỉ bù Tết Dương lịch', kind: 'compensatory', reference: 'Thông báo 1' });
    const decomposed = addDayOff(base, { date: '03/01/2026', name: 'Nghỉ bù'.normalize('NFD'), kind: 'swap_off', reference: '' });
    expect(decomposed.ok && decomposed.calendar.holidays[0]!.name).toBe('Nghỉ bù'.normalize('NFC'));
    expect(decomposed.ok && 'reference' in decomposed.calendar.holidays[0]!).toBe(false);
  });

  it('refuses every bad field at once: date, name, kind, reference', () => {
    const outcome = addDayOff(base, { date: '', name: ' ', kind: 'weekend', reference: 'x'.repeat(301) });
    expect(codes(outcome)).toEqual(['date:date_missing', 'name:name_missing', 'kind:kind_missing', 'reference:reference_too_long']);
    expect(codes(addDayOff(base, { date: '04/05/2026', name: 'x'.repeat(201), kind: 'holiday', reference: '' }))).toEqual(['name:name_too_long']);
  });

  it('adds a worked day only on a Saturday or Sunday, never on a day off or twice', () => {
    const saturday = addWorkingDay(base, { date: '25/04/2026', reason: 'Làm bù', reference: '' });
    expect(saturday.ok && saturday.calendar.workingDays).toEqual([{ date: '2026-04-25', reason: 'Làm bù' }]);
    expect(codes(addWorkingDay(base, { date: '29/04/2026', reason: 'Làm bù', reference: '' }))).toEqual(['date:working_day_not_weekend']);
    const withSaturdayOff = { ...base, holidays: [...base.holidays, { date: '2026-05-02', name: 'x', kind: 'swap_off' as const }] };
    expect(codes(addWorkingDay(withSaturdayOff, { date: '02/05/2026', reason: 'Làm bù', reference: '' }))).toEqual(['date:date_off_and_worked']);
    const worked = saturday.ok ? saturday.calendar : base;
    expect(codes(addWorkingDay(worked, { date: '25/04/2026', reason: '', reference: '' }))).toEqual(['date:date_already_worked', 'reason:reason_missing']);
    expect(codes(addDayOff(worked, { date: '25/04/2026', name: 'x', kind: 'holiday', reference: '' }))).toEqual(['date:date_off_and_worked']);
  });

  it('removes a day by list and date, and leaves the calendar alone for an unknown one', () => {
    expect(removeDay(base, 'off', '2026-04-30').holidays.map((h) => h.date)).toEqual(['2026-05-01']);
    expect(removeDay(base, 'work', '2026-04-30')).toEqual(base);
    expect(removeDay(base, 'off', '2026-12-31')).toEqual(base);
  });
});

describe('checking a whole calendar before approval', () => {
  it('accepts a good calendar and lists every broken rule of a bad one', () => {
    expect(checkCalendar(base, 2026)).toEqual([]);
    const bad = {
      year: 2026,
      holidays: [
        { date: '2026-04-30', name: 'a', kind: 'holiday' },
        { date: '2026-04-30', name: 'b', kind: 'holiday' },
        { date: '2027-01-01', name: 'c', kind: 'holiday' },
        { date: '2026-04-25', name: 'd', kind: 'swap_off' },
      ],
      workingDays: [
        { date: '2026-04-29', reason: 'weekday' },
        { date: '2026-04-25', reason: 'also off' },
      ],
    };
    expect(checkCalendar(bad, 2026).map((p) => p.code)).toEqual(['date_already_off', 'date_outside_year', 'working_day_not_weekend', 'date_off_and_worked']);
    expect(checkCalendar({ ...base, year: 2027 }, 2026).map((p) => p.code)).toEqual(['calendar_invalid']);
    expect(checkCalendar({ year: 2026, holidays: [{ date: '2026-04-30', kind: 'weekend' }] }, 2026).every((p) => p.code === 'calendar_invalid')).toBe(true);
  });

  it('compares calendars by their days, whatever order the keys come back in', () => {
    const reordered: HolidayCalendarYear = { workingDays: [], holidays: base.holidays.map((h) => ({ kind: h.kind, name: h.name, date: h.date })).reverse(), year: 2026 };
    expect(sameDays(base, reordered)).toBe(true);
    expect(sameDays(base, removeDay(base, 'off', '2026-05-01'))).toBe(false);
    const edited = { ...removeDay(base, 'off', '2026-05-01'), workingDays: [{ date: '2026-04-25', reason: 'x' }] };
    expect(changedDates(base, edited)).toEqual(['2026-04-25', '2026-05-01']);
  });
});

describe('the effect of an edit on deadlines', () => {
  it('shows the due times on the changed dates, before and after', () => {
    const inEffect = (year: number): HolidayCalendarYear => (year === 2026 ? base : { year, holidays: [], workingDays: [] });
    const edited: HolidayCalendarYear = { ...base, holidays: [...base.holidays, { date: '2026-05-04', name: 'Nghỉ hoán đổi', kind: 'swap_off' }], workingDays: [{ date: '2026-05-09', reason: 'Làm bù' }] };
    const examples = effectExamples(edited, inEffect);
    expect(examples.map((e) => e.received.toISOString())).toEqual(['2026-05-04T02:00:00.000Z', '2026-05-09T02:00:00.000Z']);
    // Received Mon 4/5 09:00, 5 working days: Mon 11/5 09:00 before; with 4/5 off and Sat 9/5 worked, from Tue 5/5 07:00 → Mon 11/5 07:00 (Tue, Wed, Thu, Fri, Sat).
    expect(examples[0]!.dueInEffect!.toISOString()).toBe('2026-05-11T02:00:00.000Z');
    expect(examples[0]!.dueEdited!.toISOString()).toBe('2026-05-11T00:00:00.000Z');
    expect(examples.every((e) => e.changed)).toBe(true);
    // No changes: the first day of each run of days off.
    const unchanged = effectExamples(base, inEffect);
    expect(unchanged.map((e) => e.received.toISOString())).toEqual(['2026-04-30T02:00:00.000Z']);
    expect(unchanged[0]!.changed).toBe(false);
  });
});
