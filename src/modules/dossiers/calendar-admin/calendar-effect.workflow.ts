/**
 * What a calendar edit does to deadlines, shown before it is approved: the due time of a dossier
 * received on the dates that change, under the calendar in force and under the edited one.
 */
import { computeDue, type Duration } from '../deadline.workflow.ts';
import type { HolidayCalendarYear } from '../holiday-calendar.types.ts';
import { createWorkingCalendar, type CalendarYearSource } from '../holiday-calendar.workflow.ts';
import { dayFromIsoDate, toInstant } from '../working-time.workflow.ts';
import { changedDates } from './calendar-edit.workflow.ts';

/** A common procedure length, so the examples read like a real appointment. */
export const EFFECT_DURATION: Duration = { value: 5, unit: 'working_days' };
const RECEIVED_AT_MINUTE = 9 * 60;

export interface EffectExample {
  readonly received: Date;
  /** Null when the engine cannot compute it (a year no calendar covers). */
  readonly dueInEffect: Date | null;
  readonly dueEdited: Date | null;
  readonly changed: boolean;
}

/**
 * Examples on the dates the edit changes, else on the first day of each run of days off and on each
 * worked weekend day, at most `limit`, in date order.
 */
export function effectExamples(edited: HolidayCalendarYear, inEffect: CalendarYearSource, limit = 8): EffectExample[] {
  let current: HolidayCalendarYear | null = null;
  try {
    current = inEffect(edited.year);
  } catch {
    current = null;
  }
  const changes = current ? changedDates(current, edited) : [];
  const dates = (changes.length > 0 ? changes : landmarks(edited)).slice(0, limit);
  const inEffectCalendar = createWorkingCalendar(inEffect);
  const editedCalendar = createWorkingCalendar((year) => (year === edited.year ? edited : inEffect(year)));
  return dates.map((date) => {
    const received = toInstant({ day: dayFromIsoDate(date), minute: RECEIVED_AT_MINUTE });
    const dueInEffect = dueOrNull(received, inEffectCalendar);
    const dueEdited = dueOrNull(received, editedCalendar);
    return { received, dueInEffect, dueEdited, changed: dueInEffect?.getTime() !== dueEdited?.getTime() };
  });
}

function dueOrNull(received: Date, calendar: ReturnType<typeof createWorkingCalendar>): Date | null {
  try {
    return computeDue(received, EFFECT_DURATION, calendar);
  } catch {
    return null;
  }
}

/** The first day of each run of consecutive days off, and each worked weekend day. */
function landmarks(calendar: HolidayCalendarYear): string[] {
  const off = new Set(calendar.holidays.map((h) => dayFromIsoDate(h.date)));
  const starts = calendar.holidays.filter((h) => !off.has(dayFromIsoDate(h.date) - 1)).map((h) => h.date);
  return [...new Set([...starts, ...calendar.workingDays.map((w) => w.date)])].sort();
}
