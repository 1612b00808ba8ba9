import type { WorkingCalendar } from './holiday-calendar.workflow.ts';
import {
  addWorkingMinutes,
  DEFAULT_WORKING_HOURS,
  nextWorkingDay,
  normalizeStart,
  workingMinutesBetween,
  type WorkingHours,
} from './working-hours.workflow.ts';
import { civilDate, compareMoments, dayFromCivil, minuteOfDay, toInstant, toLocalMoment, type LocalMoment } from './working-time.workflow.ts';

/** Units of procedure durations (DOMAIN §6.1): Ngày làm việc, Ngày, Giờ, Tháng. */
export const DURATION_UNITS = ['working_days', 'days', 'hours', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const CHANNELS = ['online', 'in_person', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Duration {
  readonly value: number;
  readonly unit: DurationUnit;
}

export interface DeadlineRules {
  readonly hours: WorkingHours;
  /** Minute of day after which a same-day dossier counts from the next working day; null: no cut-off. */
  readonly forwardingCutoff: number | null;
  /** For calendar-day units, whether holidays are skipped while counting (the Thanh Hóa flag). */
  readonly skipHolidaysInCalendarDays: boolean;
}

/** DOMAIN §6.1–6.2 defaults: 07:00–11:30, 13:30–17:00, cut-off 15:00, calendar days count holidays. */
export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  hours: DEFAULT_WORKING_HOURS,
  forwardingCutoff: minuteOfDay('15:00'),
  skipHolidaysInCalendarDays: false,
};

/** The largest durations accepted, so one computation stays bounded (about ten years). */
export const MAX_DURATION: Readonly<Record<DurationUnit, number>> = { working_days: 2600, days: 3660, hours: 20_800, months: 120 };

/** Why a duration cannot be computed, or null when it can. */
export function checkDuration(duration: Duration, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): string | null {
  const { value, unit } = duration;
  if (!Number.isFinite(value) || value < 0) return 'the value must be a number ≥ 0';
  if (value > MAX_DURATION[unit]) return `the value must be at most ${MAX_DURATION[unit]} for ${unit}`;
  if ((unit === 'days' || unit === 'months') && !Number.isInteger(value)) return `${unit} must be a whole number`;
  if (unit === 'hours' && !isWholeMinutes(value * 60)) return 'hours must be a whole number of minutes';
  if (unit === 'working_days' && !isWholeMinutes(value * rules.hours.dayLength)) return 'working days must be a whole number of minutes';
  return null;
}

const isWholeMinutes = (minutes: number) => Math.abs(minutes - Math.round(minutes)) < 1e-9;

/** A working-time duration in working minutes (1 working day = the day's hours, 8 by default). */
function workingMinutesOf(duration: Duration, hours: WorkingHours): number {
  return Math.round(duration.unit === 'hours' ? duration.value * 60 : duration.value * hours.dayLength);
}

/**
 * The appointment time (ngày hẹn trả) of a dossier received at `received` (DOMAIN §6.2).
 * @throws RangeError for a duration `checkDuration` refuses, or a year the calendar lacks
 */
export function computeDue(received: Date, duration: Duration, calendar: WorkingCalendar, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): Date {
  const problem = checkDuration(duration, rules);
  if (problem) throw new RangeError(problem);
  const start = normalizeStart(toLocalMoment(received), rules.hours, calendar);
  switch (duration.unit) {
    case 'working_days':
    case 'hours':
      return toInstant(dueInWorkingTime(start, workingMinutesOf(duration, rules.hours), calendar, rules));
    case 'days':
      return toInstant(dueInCalendarDays(start, duration.value, calendar, rules));
    case 'months':
      return toInstant(dueInMonths(start, duration.value, calendar));
  }
}

/**
 * Working days and hours: remaining hours then whole days, in working time. A same-day dossier
 * (more than nothing, under one working day) received after the forwarding cut-off is counted from the next working
 * day's start (DOMAIN §3.1, §6.2), capped at one working day after receipt so that a shorter
 * duration never falls due after a longer one.
 */
function dueInWorkingTime(start: LocalMoment, minutes: number, calendar: WorkingCalendar, rules: DeadlineRules): LocalMoment {
  const due = addWorkingMinutes(start, minutes, rules.hours, calendar);
  const { forwardingCutoff: cutoff, hours } = rules;
  if (cutoff === null || minutes === 0 || minutes >= hours.dayLength || start.minute <= cutoff) return due;
  const nextMorning = normalizeStart({ day: start.day + 1, minute: 0 }, hours, calendar);
  const fromNextMorning = addWorkingMinutes(nextMorning, minutes, hours, calendar);
  const oneDayLater = addWorkingMinutes(start, hours.dayLength, hours, calendar);
  const capped = compareMoments(fromNextMorning, oneDayLater) <= 0 ? fromNextMorning : oneDayLater;
  return compareMoments(capped, due) >= 0 ? capped : due;
}

/** Calendar days: count days (skipping holidays if the rule says so), then step off days off (DOMAIN §6.2 step 4). */
function dueInCalendarDays(start: LocalMoment, days: number, calendar: WorkingCalendar, rules: DeadlineRules): LocalMoment {
  let day = start.day;
  for (let left = days; left > 0; ) {
    day += 1;
    if (!rules.skipHolidaysInCalendarDays || !calendar.isHoliday(day)) left -= 1;
  }
  return { day: nextWorkingDay(day, calendar), minute: start.minute };
}

/** Months: the same date N months on (the month's last day if shorter), then off days off [D]. */
function dueInMonths(start: LocalMoment, months: number, calendar: WorkingCalendar): LocalMoment {
  const { year, month, date } = civilDate(start.day);
  const target = month - 1 + months;
  const targetYear = year + Math.floor(target / 12);
  const targetMonth = (target % 12) + 1;
  const lastDate = civilDate(dayFromCivil(targetYear, targetMonth + 1, 0)).date;
  const day = dayFromCivil(targetYear, targetMonth, Math.min(date, lastDate));
  return { day: nextWorkingDay(day, calendar), minute: start.minute };
}

/**
 * The due time after a pause (supplement, financial obligation; DOMAIN §3.4–3.5): moved by the
 * working time that passed while the agency waited, so the clock is stopped, not the calendar.
 */
export function extendDueForPause(
  due: Date,
  pause: { readonly from: Date; readonly to: Date },
  calendar: WorkingCalendar,
  rules: DeadlineRules = DEFAULT_DEADLINE_RULES,
): Date {
  const paused = workingMinutesBetween(toLocalMoment(pause.from), toLocalMoment(pause.to), rules.hours, calendar);
  return extendDueByWorkingMinutes(due, paused, calendar, rules);
}

/** The due time moved by `minutes` of working time (0 leaves it as it is). */
export function extendDueByWorkingMinutes(due: Date, minutes: number, calendar: WorkingCalendar, rules: DeadlineRules = DEFAULT_DEADLINE_RULES): Date {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError('a pause is a whole number of minutes ≥ 0');
  if (minutes === 0) return due;
  return toInstant(addWorkingMinutes(toLocalMoment(due), minutes, rules.hours, calendar));
}

export type CompletionClass = 'early' | 'on_time' | 'late';
export type ProgressClass = CompletionClass | 'in_progress' | 'in_progress_late';

/**
 * Classifies a finished dossier (DOMAIN §6.3), to the minute in Vietnam time: after the due minute
 * is late (quá hạn); on the due date, not after it, is on time (đúng hạn); an earlier date is early
 * (trước hạn). The granularity is the appointment's day, as the citizen was told a day and a time.
 */
export function classifyCompletion(due: Date, finishedAt: Date): CompletionClass {
  const d = toLocalMoment(due);
  const f = toLocalMoment(finishedAt);
  if (compareMoments(f, d) > 0) return 'late';
  return f.day === d.day ? 'on_time' : 'early';
}

/** Like `classifyCompletion`, and for an unfinished dossier in_progress or in_progress_late (đang xử lý quá hạn). */
export function classifyProgress(due: Date, finishedAt: Date | null, now: Date): ProgressClass {
  if (finishedAt) return classifyCompletion(due, finishedAt);
  return compareMoments(toLocalMoment(now), toLocalMoment(due)) > 0 ? 'in_progress_late' : 'in_progress';
}

/**
 * The duration for a channel from a procedure's per-channel durations (DOMAIN §6.1, §2.4): the
 * channel's own, else (postal) the in-person one, else null.
 */
export function selectChannelDuration(
  channels: ReadonlyArray<{ readonly channel: Channel; readonly duration: Duration | null }>,
  channel: Channel,
): Duration | null {
  const own = channels.find((c) => c.channel === channel)?.duration;
  if (own) return own;
  return channel === 'postal' ? (channels.find((c) => c.channel === 'in_person')?.duration ?? null) : null;
}
