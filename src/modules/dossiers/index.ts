/** Public API of the dossiers module: service configuration, the dossier lifecycle, deadlines, and their pages and APIs. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { HttpServer } from '../../platform/http/server.ts';
import type { ProcedureRecord } from '../catalog/index.ts';
import type { WebKit } from '../identity/index.ts';
import { registerDeadlineApi } from './api/deadlines.api.ts';
import { createActionService } from './core/dossier-action.service.ts';
import type { DirectoryPort, DossierCoreDeps, FilePort } from './core/dossier-deps.ts';
import { createDeskService } from './core/dossier-desk.service.ts';
import { createDraftService } from './core/dossier-draft.service.ts';
import { createQueryService } from './core/dossier-query.service.ts';
import { createRatingService } from './core/dossier-rating.service.ts';
import type { DossierTables } from './core/dossier.tables.ts';
import { runDueDateCommand } from './deadline.cli.ts';
import { createSeedCalendarSource } from './holiday-calendar.seed.ts';
import { createWorkingCalendar, type CalendarYearSource, type WorkingCalendar } from './holiday-calendar.workflow.ts';
import { createServicePort } from './service-port.ts';
import { createCommuneLookup, createServiceConfigService } from './service-config/service-config.service.ts';

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

export { DOSSIER_ERRORS, type DossierErrorCode } from './core/dossier.errors.ts';
export { dossiersMessages } from './dossiers.messages.ts';
export type { DossierActor } from './core/dossier-actor.ts';
export type { ApplicantProfile, DirectoryPort, FilePort } from './core/dossier-deps.ts';
export type { DossierView, PublicTracking, Queue, QueueFilter } from './core/dossier-query.service.ts';
export { QUEUES } from './core/dossier-query.service.ts';
export { ACTION_INPUT, type ActionInput } from './core/dossier-action.service.ts';
export { ratingInputSchema, RATING_QUESTION_SET, SATISFACTION, type RatingInput } from './core/dossier-rating.service.ts';
export { deskDossierSchema, type DeskDossierInput } from './core/dossier-desk.service.ts';
export * from './core/dossier.types.ts';
const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function calendarOf(deps: { rootDir?: string; calendarSource?: CalendarYearSource }): WorkingCalendar {
  return createWorkingCalendar(deps.calendarSource ?? createSeedCalendarSource(deps.rootDir ?? ROOT_DIR));
}

/** `opendvc due-date …` (see DUE_DATE_USAGE): needs no database. */
export function runDueDate(args: readonly string[], deps: { rootDir?: string; calendarSource?: CalendarYearSource } = {}) {
  return runDueDateCommand(args, calendarOf(deps));
}

export interface DossiersModuleDeps {
  db: Kysely<any>;
  catalog: { getProcedure(code: string): Promise<ProcedureRecord> };
  agencyExists(code: string): Promise<boolean>;
  units: { listProvinces(): Promise<readonly { code: string }[]>; listCommunes(provinceCode: string): Promise<readonly { code: string }[]> };
  directory: DirectoryPort;
  /** Uploaded files (the documents module, wired in app.ts). */
  files: FilePort;
  rootDir?: string;
  calendarSource?: CalendarYearSource;
  now?: () => Date;
}

/** Wires the module: the calendar (seed: date-holidays + db/seed/holidays), service configuration and the dossier core. */
export function createDossiersModule(deps: DossiersModuleDeps) {
  const now = deps.now ?? (() => new Date());
  const calendar = calendarOf(deps);
  const configs = createServiceConfigService({ db: deps.db, catalog: deps.catalog, agencyExists: deps.agencyExists, now });
  let communes: ReturnType<typeof createCommuneLookup> | null = null;
  const lookupCommunes = () => {
    communes ??= createCommuneLookup(deps.units);
    communes.catch(() => (communes = null));
    return communes;
  };
  const core: DossierCoreDeps = { db: deps.db as Kysely<DossierTables>, calendar, now, services: createServicePort(configs, lookupCommunes, now), files: deps.files };
  return {
    calendar,
    configs,
    directory: deps.directory,
    services: core.services,
    drafts: createDraftService(core),
    actions: createActionService(core),
    queries: createQueryService({ ...core, directory: deps.directory }),
    ratings: createRatingService(core),
    desk: createDeskService(core),
    registerRoutes(app: HttpServer, web: WebKit) {
      void web;
      registerDeadlineApi(app, calendar);
    },
  };
}

export type DossiersModule = ReturnType<typeof createDossiersModule>;

export { renderReceiptPdf } from './forms/receipt-form.presenter.ts';
export { renderSupplementRequestPdf } from './forms/supplement-request-form.presenter.ts';
export { renderRefusalPdf } from './forms/refusal-form.presenter.ts';
export { renderExtensionApologyPdf } from './forms/extension-apology-form.presenter.ts';
export { renderProcessingStopPdf } from './forms/processing-stop-form.presenter.ts';
export type * from './forms/dossier-forms.types.ts';
