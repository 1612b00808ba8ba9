import { describe, expect, it } from 'vitest';
import { seedYearCalendar, proposeStatutoryHolidays } from './holiday-calendar.seed.ts';
import { buildYearCalendar, createWorkingCalendar, proposeCompensatoryDays, proposeNationalDaySecondDay } from './holiday-calendar.workflow.ts';
import { dayFromIsoDate, formatVietnamTime, parseVietnamTime } from './working-time.workflow.ts';

const dir = `${process.cwd()}/db/seed/holidays`;
const offDates = (year: number) => seedYearCalendar(year, dir).holidays.map((h) => `${h.date} ${h.kind}`);

describe('statutory holidays from date-holidays (DOMAIN §6.5)', () => {
  it('has Tết (5 days from the eve), Hùng Kings, 1/1, 30/4, 1/5, 2/9 and the adjacent National Day day', () => {
    const dates = proposeStatutoryHolidays(2026).map((h) => h.date);
    expect(dates).toEqual(['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']);
    expect(proposeStatutoryHolidays(2025)).toHaveLength(11);
  });
  it('puts Tết and Hùng Kings on the Vietnamese lunar dates (DOMAIN §6.5 table)', () => {
    const tet = { 2025: '2025-01-29', 2027: '2027-02-06', 2028: '2028-01-26', 2030: '2030-02-02' } as const;
    for (const [year, date] of Object.entries(tet)) expect(proposeStatutoryHolidays(Number(year)).map((h) => h.date)).toContain(date);
    expect(proposeStatutoryHolidays(2027).map((h) => h.date)).toContain('2027-04-16');
  });
  it('proposes the National Day day that joins a weekend', () => {
    expect([2021, 2022, 2023, 2024, 2025].map(proposeNationalDaySecondDay)).toEqual(['2021-09-03', '2022-09-01', '2023-09-01', '2024-09-03', '2025-09-01']);
  });
});

describe('compensatory days (nghỉ bù)', () => {
  it('gives the next free weekday for each holiday on a weekend', () => {
    const days = proposeCompensatoryDays([
      { date: '2027-02-06', name: 'Tết', kind: 'holiday' },
      { date: '2027-02-07', name: 'Tết', kind: 'holiday' },
      { date: '2027-02-08', name: 'Tết', kind: 'holiday' },
      { date: '2027-02-09', name: 'Tết', kind: 'holiday' },
    ]);
    expect(days.map((d) => d.date)).toEqual(['2027-02-10', '2027-02-11']);
    expect(days.every((d) => d.kind === 'compensatory')).toBe(true);
  });
  it('appear in the seeded 2026 and 2027 calendars', () => {
    expect(offDates(2026)).toContain('2026-04-27 compensatory');
    expect(offDates(2027)).toEqual(expect.arrayContaining(['2027-02-10 compensatory', '2027-02-11 compensatory', '2027-05-03 compensatory']));
  });
});

describe('the 2025 decisions file', () => {
  it('gives 25/1–2/2 and 30/4–4/5 off, with Saturdays 8/2 and 26/4 worked', () => {
    const calendar = createWorkingCalendar([seedYearCalendar(2025, dir)]);
    const working = (date: string) => calendar.isWorkingDay(dayFromIsoDate(date));
    const range = (from: string, days: number) => Array.from({ length: days }, (_, i) => dayFromIsoDate(from) + i);
    expect(range('2025-01-25', 9).some((d) => calendar.isWorkingDay(d))).toBe(false);
    expect(range('2025-04-30', 5).some((d) => calendar.isWorkingDay(d))).toBe(false);
    expect([working('2025-01-24'), working('2025-02-03'), working('2025-02-08'), working('2025-04-26'), working('2025-05-05')]).toEqual([true, true, true, true, true]);
    expect(working('2025-09-01')).toBe(false);
  });
  it('lets the notice win over the proposal, and refuses dates of another year', () => {
    const built = buildYearCalendar(2025, [{ date: '2025-05-01', name: 'x', kind: 'holiday' }], {
      year: 2025,
      notes: [],
      holidays: [{ date: '2025-05-01', name: 'decided', kind: 'holiday' }],
      workingDays: [],
      notOff: [],
    });
    expect(built.holidays).toEqual([{ date: '2025-05-01', name: 'decided', kind: 'holiday' }]);
    expect(() => buildYearCalendar(2025, [{ date: '2026-01-01', name: 'x', kind: 'holiday' }])).toThrow(/not in 2025/);
  });
  it('notes a year without a decision file', () => {
    expect(seedYearCalendar(2031, dir).notes?.join(' ')).toMatch(/No yearly decision on file for 2031/);
  });
});

describe('Vietnam time', () => {
  it('reads a time without an offset as +07:00 and prints +07:00 whatever the input offset', () => {
    expect(formatVietnamTime(parseVietnamTime('2025-03-04T10:00')!)).toBe('2025-03-04T10:00:00+07:00');
    expect(formatVietnamTime(parseVietnamTime('2025-03-04T20:00:00-05:00')!)).toBe('2025-03-05T08:00:00+07:00');
    expect(parseVietnamTime('2025-02-29T10:00')).toBeNull();
    expect(parseVietnamTime('04/03/2025')).toBeNull();
  });
});
