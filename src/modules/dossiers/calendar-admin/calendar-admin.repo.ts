/**
 * All SQL on dossier_holiday_calendar (append-only: approvals are inserted, never changed) and
 * dossier_holiday_calendar_draft (one row per year under edit).
 */
import type { Kysely, Selectable } from 'kysely';
import { holidayCalendarYearSchema, type HolidayCalendarYear } from '../holiday-calendar.types.ts';
import type { HolidayCalendarTables } from './calendar-admin.tables.ts';
import type { ApprovedCalendar, CalendarDraft } from './calendar-admin.types.ts';

export type CalendarDb = Kysely<HolidayCalendarTables>;
type ApprovalRow = Selectable<HolidayCalendarTables['dossier_holiday_calendar']>;
type DraftRow = Selectable<HolidayCalendarTables['dossier_holiday_calendar_draft']>;

/**
 * The stored JSON as a calendar. Rows are checked before they are written; one that fails here was
 * changed by hand, and guessing would put wrong deadlines on dossiers.
 * @throws Error naming the year and version
 */
function calendarOf(value: unknown, where: string): HolidayCalendarYear {
  const parsed = holidayCalendarYearSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${where}: stored holiday calendar is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function toApproved(row: ApprovalRow): ApprovedCalendar {
  return {
    year: row.year,
    version: row.version,
    calendar: calendarOf(row.calendar, `dossier_holiday_calendar ${row.year} v${row.version}`),
    note: row.note,
    approvedBy: row.approved_by,
    approvedByName: row.approved_by_name,
    approvedVia: row.approved_via,
    ip: row.ip,
    approvedAt: row.approved_at,
  };
}

function toDraft(row: DraftRow): CalendarDraft {
  return {
    year: row.year,
    calendar: calendarOf(row.calendar, `dossier_holiday_calendar_draft ${row.year}`),
    baseVersion: row.base_version,
    updatedByName: row.updated_by_name,
    updatedAt: row.updated_at,
  };
}

/** The version in force of every year that has one (its latest approval). */
export async function listLatestApprovals(db: CalendarDb): Promise<ApprovedCalendar[]> {
  const rows = await db
    .selectFrom('dossier_holiday_calendar')
    .selectAll()
    .distinctOn('year')
    .orderBy('year')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toApproved);
}

/** Every approval of a year, newest first. */
export async function listApprovals(db: CalendarDb, year: number): Promise<ApprovedCalendar[]> {
  const rows = await db.selectFrom('dossier_holiday_calendar').selectAll().where('year', '=', year).orderBy('version', 'desc').execute();
  return rows.map(toApproved);
}

export async function latestVersion(db: CalendarDb, year: number): Promise<number> {
  const row = await db
    .selectFrom('dossier_holiday_calendar')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.version ?? 0;
}

export interface NewApproval {
  year: number;
  version: number;
  calendar: HolidayCalendarYear;
  note: string | null;
  approvedBy: string | null;
  approvedByName: string;
  approvedVia: 'web' | 'cli';
  ip: string | null;
  userAgent: string | null;
  approvedAt: Date;
}

/** Inserts an approval; null when that version exists already (another approval won the race). */
export async function insertApproval(tx: CalendarDb, input: NewApproval): Promise<ApprovedCalendar | null> {
  const row = await tx
    .insertInto('dossier_holiday_calendar')
    .values({
      year: input.year,
      version: input.version,
      calendar: JSON.stringify(input.calendar),
      note: input.note,
      approved_by: input.approvedBy,
      approved_by_name: input.approvedByName,
      approved_via: input.approvedVia,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
      approved_at: input.approvedAt,
    })
    .onConflict((oc) => oc.columns(['year', 'version']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toApproved(row) : null;
}

/** The year's draft; `forUpdate` locks it until the transaction ends (edits are read-modify-write). */
export async function findDraft(db: CalendarDb, year: number, options: { forUpdate?: boolean } = {}): Promise<CalendarDraft | null> {
  let query = db.selectFrom('dossier_holiday_calendar_draft').selectAll().where('year', '=', year);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toDraft(row) : null;
}

/** The years with a draft. */
export async function listDraftYears(db: CalendarDb): Promise<number[]> {
  const rows = await db.selectFrom('dossier_holiday_calendar_draft').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

/**
 * Creates the year's draft unless one exists (a concurrent first edit keeps the first one).
 */
export async function insertDraftIfMissing(
  tx: CalendarDb,
  draft: { year: number; calendar: HolidayCalendarYear; baseVersion: number; by: { id: string | null; name: string }; at: Date },
): Promise<void> {
  await tx
    .insertInto('dossier_holiday_calendar_draft')
    .values({ year: draft.year, calendar: JSON.stringify(draft.calendar), base_version: draft.baseVersion, updated_by: draft.by.id, updated_by_name: draft.by.name, updated_at: draft.at })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
}

export async function updateDraft(tx: CalendarDb, year: number, calendar: HolidayCalendarYear, by: { id: string | null; name: string }, at: Date): Promise<void> {
  await tx
    .updateTable('dossier_holiday_calendar_draft')
    .set({ calendar: JSON.stringify(calendar), updated_by: by.id, updated_by_name: by.name, updated_at: at })
    .where('year', '=', year)
    .execute();
}

export async function deleteDraft(tx: CalendarDb, year: number): Promise<boolean> {
  const result = await tx.deleteFrom('dossier_holiday_calendar_draft').where('year', '=', year).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
