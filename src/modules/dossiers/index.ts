/** Public API of the dossiers module. For now: the deadline engine, its CLI and its API. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpServer } from '../../platform/http/server.ts';
import { registerDeadlineApi } from './api/deadlines.api.ts';
import { runDueDateCommand } from './deadline.cli.ts';
import { createSeedCalendarSource } from './holiday-calendar.seed.ts';
import { createWorkingCalendar, type CalendarYearSource } from './holiday-calendar.workflow.ts';

export { DUE_DATE_USAGE, type CliOutcome } from './deadline.cli.ts';
export {
  classifyCompletion,
  classifyProgress,
  computeDue,
  DEFAULT_DEADLINE_RULES,
  extendDueByWorkingMinutes,
  extendDueForPause,
  selectChannelDuration,
  type Channel,
  type CompletionClass,
  type DeadlineRules,
  type Duration,
  type DurationUnit,
  type ProgressClass,
} from './deadline.workflow.ts';
export type { DayOff, DayOffKind, ExtraWorkingDay, HolidayCalendarYear } from './holiday-calendar.types.ts';
export type { CalendarYearSource, WorkingCalendar } from './holiday-calendar.workflow.ts';
export { formatVietnamTime, parseVietnamTime } from './working-time.workflow.ts';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Wires the module. The calendar defaults to the seed (date-holidays + db/seed/holidays). Needs no database yet. */
export function createDossiersModule(deps: { rootDir?: string; calendarSource?: CalendarYearSource } = {}) {
  const calendar = createWorkingCalendar(deps.calendarSource ?? createSeedCalendarSource(deps.rootDir ?? ROOT_DIR));
  return {
    calendar,
    /** `opendvc due-date …` (see DUE_DATE_USAGE). */
    runDueDateCommand: (args: readonly string[]) => runDueDateCommand(args, calendar),
    registerRoutes(app: HttpServer) {
      registerDeadlineApi(app, calendar);
    },
  };
}

export type DossiersModule = ReturnType<typeof createDossiersModule>;
