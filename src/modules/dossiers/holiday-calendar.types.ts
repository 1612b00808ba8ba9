import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

/** Why a weekday is off (DOMAIN §6.5): statutory holiday, compensatory day, or a day swapped off by the Government. */
export const dayOffKind = z.enum(['holiday', 'compensatory', 'swap_off']);
export type DayOffKind = z.infer<typeof dayOffKind>;

export const dayOffSchema = z.object({
  date: isoDate,
  name: z.string().min(1),
  kind: dayOffKind,
  /** The legal basis or notice, when known. */
  reference: z.string().optional(),
});
export type DayOff = z.infer<typeof dayOffSchema>;

/** A Saturday or Sunday worked in exchange for a swapped day off. */
export const workingDaySchema = z.object({ date: isoDate, reason: z.string().min(1), reference: z.string().optional() });
export type ExtraWorkingDay = z.infer<typeof workingDaySchema>;

/**
 * One year's calendar as plain data, what the deadline engine reads and what administrators will
 * edit and approve (DOMAIN §6.5).
 */
export const holidayCalendarYearSchema = z.object({
  year: z.number().int().min(1900).max(2999),
  holidays: z.array(dayOffSchema),
  workingDays: z.array(workingDaySchema),
  notes: z.array(z.string()).optional(),
});
export type HolidayCalendarYear = z.infer<typeof holidayCalendarYearSchema>;

/**
 * The Government's decisions for one year (`db/seed/holidays/vn-<year>.json`), applied on top of
 * the proposal built from the statutory rules: days added off, Saturdays worked, and proposed days
 * the notice does not give off (`notOff`).
 */
export const yearDecisionsSchema = z.object({
  year: z.number().int().min(1900).max(2999),
  notes: z.array(z.string()).default([]),
  holidays: z.array(dayOffSchema).default([]),
  workingDays: z.array(workingDaySchema).default([]),
  notOff: z.array(z.object({ date: isoDate, reason: z.string().min(1) })).default([]),
});
export type YearDecisions = z.infer<typeof yearDecisionsSchema>;
