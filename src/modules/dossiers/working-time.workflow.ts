// Wall-clock arithmetic in Vietnam's fixed offset. Asia/Ho_Chi_Minh has been UTC+7 without daylight
// saving since 1975, so a fixed offset is exact; the machine's time zone is never consulted (DOMAIN §6).

/** Minutes east of UTC of Asia/Ho_Chi_Minh. */
export const VN_OFFSET_MINUTES = 7 * 60;
const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;

/** A wall-clock minute in +07:00: `day` counts days since 1970-01-01 (local), `minute` is 0..1439. */
export interface LocalMoment {
  readonly day: number;
  readonly minute: number;
}

/** An instant as a local moment. Seconds are dropped: deadlines are kept to the minute. */
export function toLocalMoment(instant: Date): LocalMoment {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  const minutes = Math.floor(ms / MS_PER_MINUTE) + VN_OFFSET_MINUTES;
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  return { day, minute: minutes - day * MINUTES_PER_DAY };
}

/** The instant of a local moment. */
export function toInstant(moment: LocalMoment): Date {
  return new Date((moment.day * MINUTES_PER_DAY + moment.minute - VN_OFFSET_MINUTES) * MS_PER_MINUTE);
}

/** Orders two moments: negative, zero or positive. */
export function compareMoments(a: LocalMoment, b: LocalMoment): number {
  return a.day - b.day || a.minute - b.minute;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Saturday and Sunday are the weekly rest days of the civil service. */
export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → local day number. @throws RangeError on a malformed or impossible date */
export function dayFromIsoDate(text: string): number {
  const match = ISO_DATE.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a YYYY-MM-DD date`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) {
    throw new RangeError(`"${text}" is not a calendar date`);
  }
  return ms / (MINUTES_PER_DAY * MS_PER_MINUTE);
}

/** Local day number → its civil date parts. */
export function civilDate(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MINUTES_PER_DAY * MS_PER_MINUTE);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** Civil date parts → local day number (the month may overflow; the caller clamps). */
export function dayFromCivil(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / (MINUTES_PER_DAY * MS_PER_MINUTE);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local day number → `YYYY-MM-DD`. */
export function isoDateOf(day: number): string {
  const { year, month, date } = civilDate(day);
  return `${pad(year, 4)}-${pad(month)}-${pad(date)}`;
}

/** An instant as ISO 8601 in +07:00, to the minute: `2025-03-07T10:00:00+07:00`. */
export function formatVietnamTime(instant: Date): string {
  const { day, minute } = toLocalMoment(instant);
  return `${isoDateOf(day)}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00+07:00`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an ISO 8601 time. Without an offset it is read as Vietnam time (never the machine's zone).
 * Returns null when the text is not such a time.
 */
export function parseVietnamTime(text: string): Date | null {
  const trimmed = text.trim();
  if (!ISO_INSTANT.test(trimmed)) return null;
  const withOffset = /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}+07:00`;
  const date = new Date(withOffset);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible dates that Date would roll over (2025-02-30).
  try {
    dayFromIsoDate(trimmed.slice(0, 10));
  } catch {
    return null;
  }
  return date;
}

/** `HH:MM` → minutes after midnight. @throws RangeError */
export function minuteOfDay(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const minute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minute > MINUTES_PER_DAY) throw new RangeError(`"${text}" is not an HH:MM time`);
  return minute;
}
