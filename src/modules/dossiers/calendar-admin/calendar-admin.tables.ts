/** Kysely table interfaces of the approved holiday calendars (db/migrations/0013_dossiers_holiday_calendar.sql). */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface HolidayCalendarTable {
  year: number;
  version: number;
  calendar: Json<unknown>;
  note: string | null;
  approved_by: string | null;
  approved_by_name: string;
  approved_via: 'web' | 'cli';
  ip: string | null;
  user_agent: string | null;
  approved_at: Timestamp;
}

export interface HolidayCalendarDraftTable {
  year: number;
  calendar: Json<unknown>;
  base_version: number;
  updated_by: string | null;
  updated_by_name: string;
  updated_at: Timestamp;
}

export interface HolidayCalendarTables {
  dossier_holiday_calendar: HolidayCalendarTable;
  dossier_holiday_calendar_draft: HolidayCalendarDraftTable;
}
