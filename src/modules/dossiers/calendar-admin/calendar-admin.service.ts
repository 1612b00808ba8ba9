/**
 * The holiday calendar administration (DOMAIN §6.5): system admins edit a year's draft, started from
 * the calendar in force, and approve it as a new version, which the deadline engine of every process
 * uses from then on. The approval rows are the audit trail (who, from which address, when).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../platform/errors/app-error.ts';
import { can } from '../../identity/index.ts';
import type { HolidayCalendarYear } from '../holiday-calendar.types.ts';
import type { CalendarYearSource } from '../holiday-calendar.workflow.ts';
import {
  deleteDraft,
  findDraft,
  insertApproval,
  insertDraftIfMissing,
  listApprovals,
  listDraftYears,
  listLatestApprovals,
  updateDraft,
  type CalendarDb,
} from './calendar-admin.repo.ts';
import type { ApprovedCalendar, CalendarDraft, CalendarEditor, CalendarInEffect } from './calendar-admin.types.ts';
import { effectExamples, type EffectExample } from './calendar-effect.workflow.ts';
import {
  addDayOff,
  addWorkingDay,
  checkCalendar,
  cleanText,
  isEditableYear,
  removeDay,
  sameDays,
  TEXT_LIMITS,
  type CalendarProblem,
  type DayOffInput,
  type EditOutcome,
  type WorkingDayInput,
} from './calendar-edit.workflow.ts';
import { createCalendarStore } from './calendar-store.service.ts';

export interface CalendarAdminDeps {
  db: Kysely<any>;
  /** The proposal of a year (the seed: date-holidays + db/seed/holidays) for years nobody approved. */
  proposal: CalendarYearSource;
  now: () => Date;
}

/** A year in the list: where its calendar in force comes from and whether edits are pending. */
export interface YearSummary {
  year: number;
  source: 'approved' | 'proposal';
  version: number | null;
  approvedAt: Date | null;
  approvedByName: string | null;
  daysOff: number;
  workingDays: number;
  hasDraft: boolean;
}

/** Everything the year page shows. */
export interface YearView {
  year: number;
  inEffect: CalendarInEffect;
  draft: CalendarDraft | null;
  /** The calendar shown and edited: the draft, else the one in force. */
  editing: HolidayCalendarYear;
  /** The draft was started from an older version than the one now in force. */
  stale: boolean;
  latestVersion: number;
  history: ApprovedCalendar[];
  examples: EffectExample[];
}

export type ApproveOutcome = { ok: true; approval: ApprovedCalendar } | { ok: false; problems: CalendarProblem[] };

/** Rolls an edit's transaction back while carrying its refusal out. */
class Refused extends Error {
  constructor(readonly problems: CalendarProblem[]) {
    super('refused');
  }
}

export function createCalendarAdmin(deps: CalendarAdminDeps) {
  const db = deps.db as CalendarDb;
  const store = createCalendarStore({ db, proposal: deps.proposal });

  /** @throws DOSSIER_CALENDAR_YEAR_UNSUPPORTED */
  const checkYear = (year: number) => {
    if (!isEditableYear(year)) throw new AppError('DOSSIER_CALENDAR_YEAR_UNSUPPORTED', `no calendar is kept for ${year}`);
  };
  /** @throws DOSSIER_CALENDAR_FORBIDDEN */
  const authorize = (by: CalendarEditor) => {
    if (by.kind === 'official' && !can(by.actor, 'calendar.manage')) throw new AppError('DOSSIER_CALENDAR_FORBIDDEN', 'the holiday calendar is for system admins');
  };
  const author = (by: CalendarEditor) => ({ id: by.kind === 'official' && by.actor.kind === 'official' ? by.actor.accountId : null, name: by.name });

  /** The year's calendar in force as the database has it now (the store may be a moment behind). */
  const inEffectNow = async (tx: CalendarDb, year: number): Promise<{ inEffect: CalendarInEffect; history: ApprovedCalendar[] }> => {
    const history = await listApprovals(tx, year);
    const approved = history[0] ?? null;
    return { inEffect: { calendar: approved?.calendar ?? deps.proposal(year), approved }, history };
  };

  /** Applies one change to the year's draft (created from the calendar in force on the first change). */
  const edit = async (by: CalendarEditor, year: number, change: (calendar: HolidayCalendarYear) => EditOutcome): Promise<EditOutcome> => {
    authorize(by);
    checkYear(year);
    try {
      return await db.transaction().execute(async (tx) => {
        const at = deps.now();
        if (!(await findDraft(tx, year))) {
          const { inEffect } = await inEffectNow(tx, year);
          // Two first edits at once: the second waits on the first's row, then edits it.
          await insertDraftIfMissing(tx, { year, calendar: inEffect.calendar, baseVersion: inEffect.approved?.version ?? 0, by: author(by), at });
        }
        const draft = (await findDraft(tx, year, { forUpdate: true }))!;
        const outcome = change(draft.calendar);
        if (!outcome.ok) throw new Refused(outcome.problems);
        await updateDraft(tx, year, outcome.calendar, author(by), at);
        return outcome;
      });
    } catch (err) {
      if (err instanceof Refused) return { ok: false, problems: err.problems };
      throw err;
    }
  };

  return {
    /** The deadline engine's calendar (approved, else proposed), kept current by `refresh` and `listenForChanges`. */
    calendar: store.calendar,
    refresh: store.refresh,
    listenForChanges: store.listenForChanges,

    /** The calendar the engine uses for a year. Throws DOSSIER_CALENDAR_YEAR_UNSUPPORTED. */
    inEffect(year: number): CalendarInEffect {
      checkYear(year);
      return store.inEffect(year);
    },

    /** The years around `now`, plus every year approved or being edited. */
    async overview(): Promise<YearSummary[]> {
      const current = Number(new Date(deps.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 4));
      const [approvals, draftYears] = await Promise.all([listLatestApprovals(db), listDraftYears(db)]);
      const approvedByYear = new Map(approvals.map((a) => [a.year, a]));
      const years = new Set([current - 1, current, current + 1, current + 2, ...approvedByYear.keys(), ...draftYears].filter(isEditableYear));
      return [...years]
        .sort((a, b) => a - b)
        .map((year) => {
          const approved = approvedByYear.get(year);
          const calendar = approved?.calendar ?? deps.proposal(year);
          return {
            year,
            source: approved ? 'approved' : 'proposal',
            version: approved?.version ?? null,
            approvedAt: approved?.approvedAt ?? null,
            approvedByName: approved?.approvedByName ?? null,
            daysOff: calendar.holidays.length,
            workingDays: calendar.workingDays.length,
            hasDraft: draftYears.includes(year),
          };
        });
    },

    /** A year's calendar in force, its draft, its approvals and the draft's effect on deadlines. Throws DOSSIER_CALENDAR_YEAR_UNSUPPORTED. */
    async year(year: number): Promise<YearView> {
      checkYear(year);
      const [{ inEffect, history }, draft] = await Promise.all([inEffectNow(db, year), findDraft(db, year)]);
      const latestVersion = inEffect.approved?.version ?? 0;
      const editing = draft?.calendar ?? inEffect.calendar;
      const inForce: CalendarYearSource = (y) => (y === year ? inEffect.calendar : store.source(y));
      return { year, inEffect, draft, editing, stale: draft !== null && draft.baseVersion !== latestVersion, latestVersion, history, examples: effectExamples(editing, inForce) };
    },

    /** Adds a day off to the year's draft. Throws DOSSIER_CALENDAR_FORBIDDEN, DOSSIER_CALENDAR_YEAR_UNSUPPORTED. */
    addDayOff: (by: CalendarEditor, year: number, input: DayOffInput) => edit(by, year, (c) => addDayOff(c, input)),

    /** Adds a worked Saturday or Sunday to the year's draft. Throws as addDayOff. */
    addWorkingDay: (by: CalendarEditor, year: number, input: WorkingDayInput) => edit(by, year, (c) => addWorkingDay(c, input)),

    /** Removes a day off or a worked day from the year's draft. Throws as addDayOff. */
    removeDay: (by: CalendarEditor, year: number, list: 'off' | 'work', date: string) => edit(by, year, (c) => ({ ok: true, calendar: removeDay(c, list, date) })),

    /** Drops the year's draft; false when there was none. Throws as addDayOff. */
    async discardDraft(by: CalendarEditor, year: number): Promise<boolean> {
      authorize(by);
      checkYear(year);
      return deleteDraft(db, year);
    },

    /**
     * Approves `calendar` (a file given at the command line) or else the year's draft, or else the
     * proposal of a year nobody approved yet, as the next version; refused when the version in force
     * is no longer `baseVersion`, when the draft is stale, or when nothing would change.
     * Reloads this process's calendars before answering; the others reload on the notification.
     * Throws DOSSIER_CALENDAR_FORBIDDEN, DOSSIER_CALENDAR_YEAR_UNSUPPORTED.
     */
    async approve(by: CalendarEditor, year: number, input: { note?: string; baseVersion?: number | null; calendar?: unknown }): Promise<ApproveOutcome> {
      authorize(by);
      checkYear(year);
      const note = cleanText(input.note ?? '');
      if (note.length > TEXT_LIMITS.note) return { ok: false, problems: [{ field: 'note', code: 'note_too_long', params: { max: TEXT_LIMITS.note } }] };
      let outcome: ApproveOutcome;
      try {
        outcome = await db.transaction().execute(async (tx) => {
          const draft = await findDraft(tx, year, { forUpdate: true });
          const { inEffect } = await inEffectNow(tx, year);
          const latest = inEffect.approved?.version ?? 0;
          const refuse = (code: CalendarProblem['code']): never => {
            throw new Refused([{ field: 'approve', code, params: { version: latest } }]);
          };
          if (input.baseVersion !== undefined && input.baseVersion !== null && input.baseVersion !== latest) refuse('approve_conflict');
          const fromFile = input.calendar !== undefined;
          if (!fromFile && draft && draft.baseVersion !== latest) refuse('approve_draft_stale');
          const candidate = fromFile ? input.calendar : (draft?.calendar ?? inEffect.calendar);
          const problems = checkCalendar(candidate, year);
          if (problems.length > 0) throw new Refused(problems);
          const checked = candidate as HolidayCalendarYear;
          if (inEffect.approved && sameDays(checked, inEffect.approved.calendar)) refuse('approve_nothing_new');
          const calendar: HolidayCalendarYear = {
            year,
            holidays: [...checked.holidays].sort((a, b) => a.date.localeCompare(b.date)),
            workingDays: [...checked.workingDays].sort((a, b) => a.date.localeCompare(b.date)),
            ...(note ? { notes: [note] } : {}),
          };
          const approval = await insertApproval(tx, {
            year,
            version: latest + 1,
            calendar,
            note: note || null,
            approvedBy: author(by).id,
            approvedByName: by.name,
            approvedVia: by.kind === 'official' ? 'web' : 'cli',
            ip: by.kind === 'official' ? by.ip : null,
            userAgent: by.kind === 'official' ? by.userAgent : null,
            approvedAt: deps.now(),
          });
          if (!approval) return refuse('approve_conflict');
          if (!fromFile && draft) await deleteDraft(tx, year);
          return { ok: true as const, approval };
        });
      } catch (err) {
        if (err instanceof Refused) return { ok: false, problems: err.problems };
        throw err;
      }
      await store.refresh();
      return outcome;
    },
  };
}

export type CalendarAdmin = ReturnType<typeof createCalendarAdmin>;
