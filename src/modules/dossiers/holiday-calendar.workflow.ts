import type { DayOff, HolidayCalendarYear, YearDecisions } from './holiday-calendar.types.ts';
import { civilDate, dayFromCivil, dayFromIsoDate, isoDateOf, isWeekend, weekdayOf } from './working-time.workflow.ts';

/** Which days are worked: what the deadline engine asks of a calendar. */
export interface WorkingCalendar {
  /** A weekday that is not off, or a Saturday/Sunday declared a working day. */
  isWorkingDay(day: number): boolean;
  /** Listed as a day off (holiday, compensatory or swapped) and not declared a working day. */
  isHoliday(day: number): boolean;
}

/** Supplies one year's calendar; may throw when the year is unknown. */
export type CalendarYearSource = (year: number) => HolidayCalendarYear;

interface YearIndex {
  readonly off: ReadonlySet<number>;
  readonly worked: ReadonlySet<number>;
}

function indexYear(calendar: HolidayCalendarYear, year: number): YearIndex {
  if (calendar.year !== year) throw new RangeError(`the calendar given for ${year} is for ${calendar.year}`);
  return {
    off: new Set(calendar.holidays.map((h) => dayFromIsoDate(h.date))),
    worked: new Set(calendar.workingDays.map((w) => dayFromIsoDate(w.date))),
  };
}

/**
 * A working calendar over yearly calendars, read lazily and once per year.
 * @throws RangeError when asked about a year the source or list does not have
 */
export function createWorkingCalendar(source: CalendarYearSource | readonly HolidayCalendarYear[]): WorkingCalendar {
  const resolve: CalendarYearSource =
    typeof source === 'function'
      ? source
      : (year) => {
          const found = source.find((c) => c.year === year);
          if (!found) throw new RangeError(`no holiday calendar for ${year}`);
          return found;
        };
  const years = new Map<number, YearIndex>();
  const indexFor = (day: number): YearIndex => {
    const { year } = civilDate(day);
    let index = years.get(year);
    if (!index) years.set(year, (index = indexYear(resolve(year), year)));
    return index;
  };
  return {
    isWorkingDay(day) {
      const index = indexFor(day);
      if (index.worked.has(day)) return true;
      return !isWeekend(day) && !index.off.has(day);
    },
    isHoliday(day) {
      const index = indexFor(day);
      return index.off.has(day) && !index.worked.has(day);
    },
  };
}

/**
 * The day next to National Day that is also off (Labour Code 2019 Art. 112: "2/9 and one adjacent
 * day, before or after", set each year). Proposes the one that joins a weekend; on a Wednesday
 * neither does and 1/9 is proposed (uncertain: the yearly notice decides).
 */
export function proposeNationalDaySecondDay(year: number): string {
  const weekday = weekdayOf(dayFromCivil(year, 9, 2));
  // Mon → Tue 3/9 (1/9 is a Sunday); Thu → Fri 3/9; Sun → Mon 3/9; otherwise 1/9.
  const after = weekday === 1 || weekday === 4 || weekday === 0;
  return `${year}-09-0${after ? 3 : 1}`;
}

/**
 * Compensatory days (nghỉ bù): each holiday on a Saturday or Sunday gives the next weekday that is
 * not already off (Labour Code 2019 Art. 111(3), 112(3); DOMAIN §6.5).
 */
export function proposeCompensatoryDays(holidays: readonly DayOff[], alsoOff: ReadonlySet<number> = new Set()): DayOff[] {
  const taken = new Set<number>([...alsoOff, ...holidays.map((h) => dayFromIsoDate(h.date))]);
  const onWeekend = holidays.filter((h) => h.kind === 'holiday' && isWeekend(dayFromIsoDate(h.date)));
  const sorted = [...onWeekend].sort((a, b) => a.date.localeCompare(b.date));
  return sorted.map((h) => {
    let day = dayFromIsoDate(h.date) + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    return { date: isoDateOf(day), name: `Nghỉ bù ${h.name}`, kind: 'compensatory' as const, reference: 'Bộ luật Lao động 2019, Điều 111(3), 112(3)' };
  });
}

/**
 * A year's calendar from the statutory holidays plus the Government's decisions: statutory days,
 * compensatory days for those on a weekend (not proposed on a day the notice already gives off),
 * minus `notOff`, plus the notice's days off and working Saturdays. The notice wins on a clash.
 */
export function buildYearCalendar(year: number, statutory: readonly DayOff[], decisions?: YearDecisions): HolidayCalendarYear {
  const notOff = new Set((decisions?.notOff ?? []).map((n) => n.date));
  const decided = decisions?.holidays ?? [];
  const decidedDates = new Set(decided.map((h) => h.date));
  const kept = statutory.filter((h) => !notOff.has(h.date));
  const compensatory = proposeCompensatoryDays(kept, new Set(decided.map((h) => dayFromIsoDate(h.date))));
  const proposed = [...kept, ...compensatory].filter((h) => !notOff.has(h.date) && !decidedDates.has(h.date));
  const byDate = new Map<string, DayOff>();
  for (const h of [...proposed, ...decided]) if (!byDate.has(h.date)) byDate.set(h.date, h);
  const holidays = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  const outside = [...holidays, ...(decisions?.workingDays ?? [])].find((h) => !h.date.startsWith(`${year}-`));
  if (outside) throw new RangeError(`${outside.date} is not in ${year}`);
  return {
    year,
    holidays,
    workingDays: [...(decisions?.workingDays ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    ...(decisions?.notes.length ? { notes: decisions.notes } : {}),
  };
}
