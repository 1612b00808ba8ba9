/**
 * The calendars the deadline engine uses, in memory: the approved version of each year that has
 * one, else the proposal. The engine asks synchronously (`isWorkingDay`), so approvals are loaded
 * ahead — at start (`refresh`) and whenever any process approves one (NOTIFY
 * dossier_holiday_calendar_changed) — and each load replaces the per-year index the engine keeps.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { listen } from '../../../platform/db/listen.ts';
import { createWorkingCalendar, type CalendarYearSource, type WorkingCalendar } from '../holiday-calendar.workflow.ts';
import { listLatestApprovals, type CalendarDb } from './calendar-admin.repo.ts';
import type { ApprovedCalendar, CalendarInEffect } from './calendar-admin.types.ts';

export const CALENDAR_CHANNEL = 'dossier_holiday_calendar_changed';

export interface CalendarStore {
  /** The engine's calendar: one object for the life of the process, always answering from the latest load. */
  readonly calendar: WorkingCalendar;
  /** The calendar in force for a year and its approval, if any. @throws what the proposal throws for a year it cannot build */
  inEffect(year: number): CalendarInEffect;
  /** The year source behind `calendar` (approved, else proposed). */
  readonly source: CalendarYearSource;
  /** Loads the approved calendars from the database; concurrent calls share loads and the last one wins. */
  refresh(): Promise<void>;
  /** Reloads on every approval by any process (and after a lost connection comes back). */
  listenForChanges(pool: pg.Pool, logger?: Logger): Promise<() => Promise<void>>;
}

export function createCalendarStore(deps: { db: CalendarDb; proposal: CalendarYearSource }): CalendarStore {
  let approved = new Map<number, ApprovedCalendar>();
  const source: CalendarYearSource = (year) => approved.get(year)?.calendar ?? deps.proposal(year);
  let engine = createWorkingCalendar(source);

  const load = async () => {
    const rows = await listLatestApprovals(deps.db);
    approved = new Map(rows.map((r) => [r.year, r]));
    // A new calendar object: the per-year index of the previous one goes with it.
    engine = createWorkingCalendar(source);
  };

  // One load at a time; a refresh asked for during a load runs once more after it, so the last
  // approval is always seen and a burst of notifications costs at most two loads.
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    if (queued) return queued;
    if (!running) {
      running = load().finally(() => (running = null));
      return running;
    }
    queued = running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return refresh();
      });
    return queued;
  };

  return {
    calendar: {
      isWorkingDay: (day) => engine.isWorkingDay(day),
      isHoliday: (day) => engine.isHoliday(day),
    },
    source,
    inEffect(year) {
      const approval = approved.get(year) ?? null;
      return { calendar: approval?.calendar ?? deps.proposal(year), approved: approval };
    },
    refresh,
    async listenForChanges(pool, logger) {
      const reload = () => void refresh().catch((err: unknown) => logger?.error({ err }, 'holiday calendar reload failed; the previous calendars stay in use'));
      return listen(pool, CALENDAR_CHANNEL, {
        onNotify: reload,
        onReconnect: reload,
        onError: (err) => logger?.warn({ err }, 'holiday calendar listener lost its connection; reconnecting'),
      });
    },
  };
}
