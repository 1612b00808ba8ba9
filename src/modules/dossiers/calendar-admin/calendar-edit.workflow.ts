/**
 * Editing a year's holiday calendar, as pure rules: parse what an administrator typed, add or remove
 * a day off or a worked weekend day, and check a whole calendar before it is approved (DOMAIN §6.5).
 * Expected input problems are values, never exceptions.
 */
import { RECEIVED_YEARS } from '../deadline.types.ts';
import { dayOffKind, holidayCalendarYearSchema, type DayOff, type ExtraWorkingDay, type HolidayCalendarYear } from '../holiday-calendar.types.ts';
import { dayFromIsoDate, isWeekend } from '../working-time.workflow.ts';

/** Years an administrator may edit: the years the deadline engine accepts receipts in. */
export const CALENDAR_YEARS = RECEIVED_YEARS;
export const TEXT_LIMITS = { name: 200, reference: 300, reason: 200, note: 1000 } as const;

export type CalendarProblemCode =
  | 'date_missing'
  | 'date_format'
  | 'date_outside_year'
  | 'date_already_off'
  | 'date_already_worked'
  | 'date_off_and_worked'
  | 'working_day_not_weekend'
  | 'name_missing'
  | 'name_too_long'
  | 'kind_missing'
  | 'reference_too_long'
  | 'reason_missing'
  | 'reason_too_long'
  | 'note_too_long'
  | 'calendar_invalid'
  | 'approve_conflict'
  | 'approve_draft_stale'
  | 'approve_nothing_new';

/** What is wrong, with the input it is about (`date`, `name`, `kind`, `reference`, `reason`, `note`, `calendar`). */
export interface CalendarProblem {
  readonly field: string;
  readonly code: CalendarProblemCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type EditOutcome = { ok: true; calendar: HolidayCalendarYear } | { ok: false; problems: CalendarProblem[] };

export function isEditableYear(year: number): boolean {
  return Number.isInteger(year) && year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max;
}

/** Text as stored: NFC, runs of white space made one space, trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: string) => n.padStart(2, '0');

/**
 * A date as typed, `02/09/2026`, `2/9/2026`, `2/9` (the page's year) or `2026-09-02`, as
 * `YYYY-MM-DD` inside `year`; or the problem with it.
 */
export function parseDateInput(text: string, year: number): { ok: true; date: string } | { ok: false; problem: CalendarProblem } {
  const typed = cleanText(text).replace(/\s/g, '');
  const fail = (code: CalendarProblemCode) => ({ ok: false as const, problem: { field: 'date', code, params: { year } } });
  if (typed === '') return fail('date_missing');
  const dm = DAY_MONTH.exec(typed);
  const iso = ISO.exec(typed);
  const date = dm ? `${dm[3] ?? year}-${pad(dm[2]!)}-${pad(dm[1]!)}` : iso ? typed : null;
  if (!date || !isRealDate(date)) return fail('date_format');
  if (!date.startsWith(`${year}-`)) return fail('date_outside_year');
  return { ok: true, date };
}

function isRealDate(iso: string): boolean {
  try {
    dayFromIsoDate(iso);
    return true;
  } catch {
    return false;
  }
}

const byDate = <T extends { date: string }>(items: readonly T[]) => [...items].sort((a, b) => a.date.localeCompare(b.date));

/** What an administrator typed to add a day off. */
export interface DayOffInput {
  date: string;
  name: string;
  kind: string;
  reference: string;
}

/** Adds a day off: a real date in the year, not listed yet, not a worked day; a name; a kind; an optional reference. */
export function addDayOff(calendar: HolidayCalendarYear, input: DayOffInput): EditOutcome {
  const problems: CalendarProblem[] = [];
  const parsed = parseDateInput(input.date, calendar.year);
  if (!parsed.ok) problems.push(parsed.problem);
  else if (calendar.holidays.some((h) => h.date === parsed.date)) problems.push({ field: 'date', code: 'date_already_off', params: { date: parsed.date } });
  else if (calendar.workingDays.some((w) => w.date === parsed.date)) problems.push({ field: 'date', code: 'date_off_and_worked', params: { date: parsed.date } });
  const name = cleanText(input.name);
  if (name === '') problems.push({ field: 'name', code: 'name_missing' });
  else if (name.length > TEXT_LIMITS.name) problems.push({ field: 'name', code: 'name_too_long', params: { max: TEXT_LIMITS.name } });
  const kind = dayOffKind.safeParse(input.kind);
  if (!kind.success) problems.push({ field: 'kind', code: 'kind_missing' });
  const reference = cleanText(input.reference);
  if (reference.length > TEXT_LIMITS.reference) problems.push({ field: 'reference', code: 'reference_too_long', params: { max: TEXT_LIMITS.reference } });
  if (problems.length > 0 || !parsed.ok || !kind.success) return { ok: false, problems };
  const day: DayOff = { date: parsed.date, name, kind: kind.data, ...(reference ? { reference } : {}) };
  return { ok: true, calendar: { ...calendar, holidays: byDate([...calendar.holidays, day]) } };
}

/** What an administrator typed to add a worked Saturday or Sunday. */
export interface WorkingDayInput {
  date: string;
  reason: string;
  reference: string;
}

/** Adds a worked weekend day: a Saturday or Sunday of the year, not listed yet, not a day off; a reason. */
export function addWorkingDay(calendar: HolidayCalendarYear, input: WorkingDayInput): EditOutcome {
  const problems: CalendarProblem[] = [];
  const parsed = parseDateInput(input.date, calendar.year);
  if (!parsed.ok) problems.push(parsed.problem);
  else if (!isWeekend(dayFromIsoDate(parsed.date))) problems.push({ field: 'date', code: 'working_day_not_weekend', params: { date: parsed.date } });
  else if (calendar.workingDays.some((w) => w.date === parsed.date)) problems.push({ field: 'date', code: 'date_already_worked', params: { date: parsed.date } });
  else if (calendar.holidays.some((h) => h.date === parsed.date)) problems.push({ field: 'date', code: 'date_off_and_worked', params: { date: parsed.date } });
  const reason = cleanText(input.reason);
  if (reason === '') problems.push({ field: 'reason', code: 'reason_missing' });
  else if (reason.length > TEXT_LIMITS.reason) problems.push({ field: 'reason', code: 'reason_too_long', params: { max: TEXT_LIMITS.reason } });
  const reference = cleanText(input.reference);
  if (reference.length > TEXT_LIMITS.reference) problems.push({ field: 'reference', code: 'reference_too_long', params: { max: TEXT_LIMITS.reference } });
  if (problems.length > 0 || !parsed.ok) return { ok: false, problems };
  const day: ExtraWorkingDay = { date: parsed.date, reason, ...(reference ? { reference } : {}) };
  return { ok: true, calendar: { ...calendar, workingDays: byDate([...calendar.workingDays, day]) } };
}

/** Removes a day off (`off`) or a worked day (`work`) by date; unchanged when it is not listed. */
export function removeDay(calendar: HolidayCalendarYear, list: 'off' | 'work', date: string): HolidayCalendarYear {
  return list === 'off'
    ? { ...calendar, holidays: calendar.holidays.filter((h) => h.date !== date) }
    : { ...calendar, workingDays: calendar.workingDays.filter((w) => w.date !== date) };
}

/**
 * Everything that must hold before a calendar is approved: the schema, every date in the year and
 * listed once, worked days on a Saturday or Sunday, no date both off and worked.
 */
export function checkCalendar(value: unknown, year: number): CalendarProblem[] {
  const parsed = holidayCalendarYearSchema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ field: 'calendar', code: 'calendar_invalid' as const, params: { path: i.path.join('.') || '(calendar)', message: i.message } }));
  }
  const calendar = parsed.data;
  if (calendar.year !== year) return [{ field: 'calendar', code: 'calendar_invalid', params: { path: 'year', message: `must be ${year}` } }];
  const problems: CalendarProblem[] = [];
  const off = new Set<string>();
  for (const h of calendar.holidays) {
    if (!isRealDate(h.date)) problems.push({ field: 'calendar', code: 'date_format', params: { date: h.date, year } });
    else if (!h.date.startsWith(`${year}-`)) problems.push({ field: 'calendar', code: 'date_outside_year', params: { date: h.date, year } });
    else if (off.has(h.date)) problems.push({ field: 'calendar', code: 'date_already_off', params: { date: h.date } });
    off.add(h.date);
  }
  const worked = new Set<string>();
  for (const w of calendar.workingDays) {
    if (!isRealDate(w.date)) problems.push({ field: 'calendar', code: 'date_format', params: { date: w.date, year } });
    else if (!w.date.startsWith(`${year}-`)) problems.push({ field: 'calendar', code: 'date_outside_year', params: { date: w.date, year } });
    else if (!isWeekend(dayFromIsoDate(w.date))) problems.push({ field: 'calendar', code: 'working_day_not_weekend', params: { date: w.date } });
    else if (worked.has(w.date)) problems.push({ field: 'calendar', code: 'date_already_worked', params: { date: w.date } });
    else if (off.has(w.date)) problems.push({ field: 'calendar', code: 'date_off_and_worked', params: { date: w.date } });
    worked.add(w.date);
  }
  return problems;
}

/** The dates whose status (off, worked, neither) differs between two calendars of a year, in order. */
export function changedDates(a: HolidayCalendarYear, b: HolidayCalendarYear): string[] {
  const status = (c: HolidayCalendarYear) => {
    const map = new Map<string, string>();
    for (const h of c.holidays) map.set(h.date, 'off');
    for (const w of c.workingDays) map.set(w.date, 'work');
    return map;
  };
  const [sa, sb] = [status(a), status(b)];
  const dates = new Set([...sa.keys(), ...sb.keys()]);
  return [...dates].filter((d) => sa.get(d) !== sb.get(d)).sort();
}

/** Same days off (with their names, kinds and references) and same worked days. */
export function sameDays(a: HolidayCalendarYear, b: HolidayCalendarYear): boolean {
  // Field by field: the database gives JSON objects back with their keys in another order.
  const days = (c: HolidayCalendarYear) =>
    JSON.stringify([byDate(c.holidays).map((h) => [h.date, h.name, h.kind, h.reference ?? '']), byDate(c.workingDays).map((w) => [w.date, w.reason, w.reference ?? ''])]);
  return days(a) === days(b);
}
