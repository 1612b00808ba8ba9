/** Approved calendars, drafts and who changes them. */
import type { Actor } from '../../identity/index.ts';
import type { HolidayCalendarYear } from '../holiday-calendar.types.ts';

/** One approval of a year's calendar: a version, never changed afterwards. */
export interface ApprovedCalendar {
  readonly year: number;
  readonly version: number;
  readonly calendar: HolidayCalendarYear;
  readonly note: string | null;
  readonly approvedBy: string | null;
  readonly approvedByName: string;
  readonly approvedVia: 'web' | 'cli';
  readonly ip: string | null;
  readonly approvedAt: Date;
}

/** A year's calendar being edited, from the version in force (`baseVersion`, 0 = the proposal). */
export interface CalendarDraft {
  readonly year: number;
  readonly calendar: HolidayCalendarYear;
  readonly baseVersion: number;
  readonly updatedByName: string;
  readonly updatedAt: Date;
}

/** The calendar the deadline engine uses for a year: the latest approval, else the proposal. */
export interface CalendarInEffect {
  readonly calendar: HolidayCalendarYear;
  readonly approved: ApprovedCalendar | null;
}

/**
 * Who edits or approves: a signed-in official (checked against `calendar.manage`) with the name
 * shown in the history and where the request came from, or the server's operator at the command line.
 */
export type CalendarEditor =
  | { readonly kind: 'official'; readonly actor: Actor; readonly name: string; readonly ip: string | null; readonly userAgent: string | null }
  | { readonly kind: 'operator'; readonly name: string };
