import type { WorkingCalendar } from './holiday-calendar.workflow.ts';
import { minuteOfDay, type LocalMoment } from './working-time.workflow.ts';

/** A block of office hours, in minutes after midnight, `start < end`. */
export interface Session {
  readonly start: number;
  readonly end: number;
}

/** The office's hours: sessions in order, without overlap (DOMAIN §6.1). */
export interface WorkingHours {
  readonly sessions: readonly Session[];
  /** Working minutes in a working day (the sum of the sessions). */
  readonly dayLength: number;
}

/** Builds working hours from `HH:MM-HH:MM` sessions. @throws RangeError on overlapping or empty sessions */
export function defineWorkingHours(sessions: readonly string[]): WorkingHours {
  const parsed = sessions.map((s) => {
    const [from, to] = s.split('-');
    return { start: minuteOfDay(from ?? ''), end: minuteOfDay(to ?? '') };
  });
  if (parsed.length === 0) throw new RangeError('working hours need at least one session');
  parsed.forEach((s, i) => {
    const previous = parsed[i - 1];
    if (s.end <= s.start || (previous && s.start < previous.end)) throw new RangeError(`session "${sessions[i]}" is empty or overlaps`);
  });
  return { sessions: parsed, dayLength: parsed.reduce((sum, s) => sum + s.end - s.start, 0) };
}

/** 07:00–11:30 and 13:30–17:00: 8 working hours (DOMAIN §6.1, the Thanh Hóa default). */
export const DEFAULT_WORKING_HOURS = defineWorkingHours(['07:00-11:30', '13:30-17:00']);

const firstStart = (hours: WorkingHours) => hours.sessions[0]!.start;

/** The first working day on or after `day`. */
export function nextWorkingDay(day: number, calendar: WorkingCalendar): number {
  let d = day;
  while (!calendar.isWorkingDay(d)) d += 1;
  return d;
}

/** Moves `day` forward by `count` working days (0 stays put, even on a day off). */
export function addWorkingDays(day: number, count: number, calendar: WorkingCalendar): number {
  let d = day;
  for (let left = count; left > 0; left -= 1) {
    d += 1;
    while (!calendar.isWorkingDay(d)) d += 1;
  }
  return d;
}

/**
 * The moment work can start (DOMAIN §6.2 step 1): after the last session → the next working
 * day's first session; before the first → its start; in a break (lunch) → the next session's
 * start; a day off → the next working day's start. Session ends count as outside (17:00 → next day).
 */
export function normalizeStart(moment: LocalMoment, hours: WorkingHours, calendar: WorkingCalendar): LocalMoment {
  if (!calendar.isWorkingDay(moment.day)) return { day: nextWorkingDay(moment.day, calendar), minute: firstStart(hours) };
  if (moment.minute < firstStart(hours)) return { day: moment.day, minute: firstStart(hours) };
  for (const session of hours.sessions) {
    if (moment.minute < session.start) return { day: moment.day, minute: session.start };
    if (moment.minute < session.end) return moment;
  }
  return { day: nextWorkingDay(moment.day + 1, calendar), minute: firstStart(hours) };
}

/**
 * Adds working minutes to a moment, normalised first (DOMAIN §6.2 step 3): skips breaks and
 * carries past the last session into the next working morning. Landing exactly on a session's end
 * stays there (a due time of 17:00, not 07:00 the next day).
 */
export function addWorkingMinutes(start: LocalMoment, minutes: number, hours: WorkingHours, calendar: WorkingCalendar): LocalMoment {
  const wholeDays = Math.floor(minutes / hours.dayLength);
  let left = minutes - wholeDays * hours.dayLength;
  let at = normalizeStart(start, hours, calendar);
  if (left === 0) return { day: addWorkingDays(at.day, wholeDays, calendar), minute: at.minute };
  for (;;) {
    const session = hours.sessions.find((s) => at.minute >= s.start && at.minute < s.end)!;
    if (left <= session.end - at.minute) {
      at = { day: at.day, minute: at.minute + left };
      break;
    }
    left -= session.end - at.minute;
    at = normalizeStart({ day: at.day, minute: session.end }, hours, calendar);
  }
  return { day: addWorkingDays(at.day, wholeDays, calendar), minute: at.minute };
}

/** Working minutes of a working day that lie before `minute`. */
function workedBefore(minute: number, hours: WorkingHours): number {
  return hours.sessions.reduce((sum, s) => sum + Math.max(0, Math.min(minute, s.end) - s.start), 0);
}

/** Working minutes from `from` to `to` (0 if `to` is not later). Used to measure pauses. */
export function workingMinutesBetween(from: LocalMoment, to: LocalMoment, hours: WorkingHours, calendar: WorkingCalendar): number {
  if (to.day < from.day || (to.day === from.day && to.minute <= from.minute)) return 0;
  const at = (m: LocalMoment) => (calendar.isWorkingDay(m.day) ? workedBefore(m.minute, hours) : 0);
  if (from.day === to.day) return at(to) - at(from);
  let total = (calendar.isWorkingDay(from.day) ? hours.dayLength : 0) - at(from) + at(to);
  for (let d = from.day + 1; d < to.day; d += 1) if (calendar.isWorkingDay(d)) total += hours.dayLength;
  return total;
}
