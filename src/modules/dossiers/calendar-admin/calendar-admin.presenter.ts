/** The calendar in force as the JSON API and the command line give it. */
import { formatVietnamTime } from '../working-time.workflow.ts';
import type { CalendarInEffect } from './calendar-admin.types.ts';

export function presentCalendarInEffect({ calendar, approved }: CalendarInEffect) {
  return {
    year: calendar.year,
    approved: approved !== null,
    version: approved?.version ?? null,
    approvedAt: approved ? formatVietnamTime(approved.approvedAt) : null,
    holidays: calendar.holidays,
    workingDays: calendar.workingDays,
    ...(calendar.notes?.length ? { notes: calendar.notes } : {}),
  };
}
