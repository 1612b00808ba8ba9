import fs from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';
import { yearDecisionsSchema, type DayOff, type HolidayCalendarYear, type YearDecisions } from './holiday-calendar.types.ts';
import { buildYearCalendar, proposeNationalDaySecondDay, type CalendarYearSource } from './holiday-calendar.workflow.ts';
import { dayFromIsoDate, isoDateOf } from './working-time.workflow.ts';

/** Where the Government's yearly decisions live, relative to the project root. */
export const HOLIDAY_DECISIONS_DIR = 'db/seed/holidays';
const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112';
const MS_PER_DAY = 86_400_000;

/**
 * The statutory public holidays of a year (Labour Code 2019 Art. 112; DOMAIN §6.5): date-holidays'
 * VN public days (Tết from its Vietnamese lunar calendar, as a 5-day block from the eve; Hùng Kings;
 * 1/1, 30/4, 1/5, 2/9) plus the day next to National Day it misses (in force since 2021).
 */
export function proposeStatutoryHolidays(year: number): DayOff[] {
  const days: DayOff[] = [];
  for (const h of new Holidays('VN', { languages: ['vi'] }).getHolidays(year)) {
    if (h.type !== 'public') continue;
    // `date` is the local (Asia/Ho_Chi_Minh) date; the length comes from the instants, UTC+7 has no DST.
    const first = dayFromIsoDate(h.date.slice(0, 10));
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / MS_PER_DAY));
    for (let i = 0; i < length; i += 1) {
      const name = length > 1 ? `Tết Nguyên Đán (ngày ${i + 1}/${length})` : h.name;
      days.push({ date: isoDateOf(first + i), name, kind: 'holiday', reference: LABOUR_CODE });
    }
  }
  if (year >= 2021) {
    days.push({ date: proposeNationalDaySecondDay(year), name: 'Quốc khánh (ngày liền kề)', kind: 'holiday', reference: LABOUR_CODE });
  }
  const unique = new Map(days.filter((d) => d.date.startsWith(`${year}-`)).map((d) => [d.date, d]));
  return [...unique.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The Government's decisions for a year, from `<dir>/vn-<year>.json`, or undefined without a file.
 * @throws Error naming the file when it is malformed
 */
export function readYearDecisions(dir: string, year: number): YearDecisions | undefined {
  const file = path.join(dir, `vn-${year}.json`);
  if (!fs.existsSync(file)) return undefined;
  const parsed = yearDecisionsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.data.year !== year) throw new Error(`${file} is for ${parsed.data.year}, not ${year}`);
  return parsed.data;
}

/** A year's proposed calendar: statutory days, compensatory days and the yearly decisions when on file. */
export function seedYearCalendar(year: number, dir: string): HolidayCalendarYear {
  const decisions = readYearDecisions(dir, year);
  const calendar = buildYearCalendar(year, proposeStatutoryHolidays(year), decisions);
  if (decisions) return calendar;
  const note = `No yearly decision on file for ${year}: statutory holidays and compensatory days only, swaps unknown.`;
  return { ...calendar, notes: [...(calendar.notes ?? []), note] };
}

/**
 * A calendar source for the deadline engine, built once per year from the seed. Until the
 * administrators' approved calendar is stored, this proposal is the calendar in use (DOMAIN §6.5).
 */
export function createSeedCalendarSource(rootDir: string): CalendarYearSource {
  const dir = path.join(rootDir, HOLIDAY_DECISIONS_DIR);
  const cache = new Map<number, HolidayCalendarYear>();
  return (year) => {
    let calendar = cache.get(year);
    if (!calendar) cache.set(year, (calendar = seedYearCalendar(year, dir)));
    return calendar;
  };
}
