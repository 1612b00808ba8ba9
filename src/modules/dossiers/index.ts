/** Public API of the dossiers module: service configuration, the dossier lifecycle, deadlines, and their pages and APIs. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { HttpServer } from '../../platform/http/server.ts';
import type { ProcedureRecord } from '../catalog/index.ts';
import type { DocumentsModule } from '../documents/index.ts';
import { actorOf, type WebKit } from '../identity/index.ts';
import { registerDeadlineApi } from './api/deadlines.api.ts';
import { registerBackOfficePages } from './web/back-office/back-office.pages.ts';
import { registerCitizenPages, type AgencyRegister } from './web/citizen/citizen.pages.ts';
import { registerDossierApi, type DossierApiPorts } from './api/dossiers.api.ts';
import { createActionService } from './core/dossier-action.service.ts';
import type { DirectoryPort, DossierCoreDeps, FilePort } from './core/dossier-deps.ts';
import { createDeskService } from './core/dossier-desk.service.ts';
import { createDraftService } from './core/dossier-draft.service.ts';
import { createQueryService } from './core/dossier-query.service.ts';
import { createRatingService } from './core/dossier-rating.service.ts';
import type { DossierTables } from './core/dossier.tables.ts';
import { runDueDateCommand } from './deadline.cli.ts';
import { createSeedCalendarSource } from './holiday-calendar.seed.ts';
import { createCalendarAdmin } from './calendar-admin/calendar-admin.service.ts';
import { registerCalendarAdminRoutes } from './calendar-admin/calendar-admin.routes.ts';
import { createWorkingCalendar, type CalendarYearSource, type WorkingCalendar } from './holiday-calendar.workflow.ts';
import { createServicePort } from './service-port.ts';
import { registerServiceConfigRoutes } from './service-config/service-config.routes.ts';
import { createCommuneLookup, createServiceConfigService } from './service-config/service-config.service.ts';
import { createSyncModule, type SyncOptions } from './sync/sync.module.ts';

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

// Service configuration (service-config/README.md): model, generator, answer checks, storage, API and admin pages.
export { SERVICE_CONFIG_ERRORS, type ServiceConfigErrorCode } from './service-config/service-config.errors.ts';
export { serviceConfigMessages } from './web/service-config/service-config.messages.ts';
export { registerServiceConfigRoutes, type ServiceConfigRouteDeps } from './service-config/service-config.routes.ts';
export {
  createCommuneLookup,
  createServiceConfigService,
  type ServiceConfigDeps,
  type ServiceConfigService,
  type ServiceConfigView,
  type VersionSummary,
} from './service-config/service-config.service.ts';
export { generateServiceDefinition } from './service-config/service-generate.workflow.ts';
export { checkServiceDefinition, type DefinitionCheck } from './service-config/service-check.workflow.ts';
export { CASE_FIELD, validateAnswers, type AnswerCheck, type AnswerError, type AnswerOptions, type CommuneLookup } from './service-config/answers-validate.workflow.ts';
export { answersFromForm, prefillAnswers, type AddressAnswer, type Answers, type PrefillProfile } from './service-config/answers-form.workflow.ts';
export { documentsFor, presentService } from './service-config/service-config.presenter.ts';
export {
  DEFAULT_SUPPLEMENT_DAYS,
  serviceDefinitionSchema,
  STEP_ROLES,
  type DefinitionProblem,
  type DocumentRequirement,
  type FormField,
  type ServiceConfigVersion,
  type ServiceDefinition,
  type ServiceStep,
} from './service-config/service-config.types.ts';

export { DOSSIER_ERRORS, type DossierErrorCode } from './core/dossier.errors.ts';
export { CALENDAR_ADMIN_ERRORS } from './calendar-admin/calendar-admin.errors.ts';
export type { CalendarAdmin } from './calendar-admin/calendar-admin.service.ts';
export { HOLIDAYS_USAGE, runHolidaysCommand } from './calendar-admin/calendar-admin.cli.ts';
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
  /** Uploaded files (the documents module, wired in app.ts): the core's narrow port, and the pages' upload/download helpers. */
  files: FilePort;
  documents?: DocumentsModule;
  /** The agency register (agencies.service): the citizen pages' commune/province People's Committees and form 01's header. */
  agencies?: AgencyRegister;
  rootDir?: string;
  calendarSource?: CalendarYearSource;
  now?: () => Date;
  /** Agency-system sync (sync/README.md): `secret` (resolveAppSecret) seals webhook secrets; without it, no webhooks. */
  sync?: SyncOptions;
}

/** Wires the module: the calendar (seed: date-holidays + db/seed/holidays), service configuration and the dossier core. */
export function createDossiersModule(deps: DossiersModuleDeps) {
  const now = deps.now ?? (() => new Date());
  // The engine's calendar: approved years (loaded by calendarAdmin.refresh(), reloaded on NOTIFY), else the seed proposal.
  const calendarAdmin = createCalendarAdmin({ db: deps.db, proposal: deps.calendarSource ?? createSeedCalendarSource(deps.rootDir ?? ROOT_DIR), now });
  const calendar = calendarAdmin.calendar;
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
    calendarAdmin,
    configs,
    directory: deps.directory,
    services: core.services,
    drafts: createDraftService(core),
    actions: createActionService(core),
    queries: createQueryService({ ...core, directory: deps.directory }),
    ratings: createRatingService(core),
    desk: createDeskService(core),
    sync: createSyncModule(core, { agencyExists: deps.agencyExists, ...deps.sync }),
    registerRoutes(app: HttpServer, web: WebKit, api?: DossierApiPorts) {
      void web;
      registerDeadlineApi(app, calendar);
      registerCalendarAdminRoutes(app, web, calendarAdmin);
      registerServiceConfigRoutes(app, {
        service: configs,
        signedInActor: (request) => (request.identity?.session.stage === 'active' ? actorOf(request.identity.account) : null),
        csrfToken: (request, reply) => web.csrfToken(request, reply),
        checkCsrf: (request) => web.checkCsrf(request),
      });
      if (api) registerDossierApi(app, { ...this, ports: api });
      if (api) this.sync.useApiTokenVerifier(api.verifyToken);
      this.sync.registerRoutes(app);
      registerBackOfficePages(app, { ...this, web, units: deps.units, publicUrl: api?.publicUrl, documents: deps.documents });
      if (deps.documents) registerCitizenPages(app, { ...this, web, catalog: deps.catalog, units: deps.units, documents: deps.documents, agencies: deps.agencies, publicUrl: api?.publicUrl, now });
    },
  };
}

export type DossiersModule = ReturnType<typeof createDossiersModule>;
export { createIntegrationCommand, type SyncOptions } from './sync/sync.module.ts';
export { INTEGRATION_USAGE } from './sync/integration.cli.ts';
export { SYNC_ERRORS } from './sync/sync.errors.ts';
export { syncMessages } from './sync/sync.messages.ts';
export { signWebhook, verifyWebhook, DEFAULT_RETRY, type RetryPolicy } from './sync/webhook.workflow.ts';

export { renderReceiptPdf } from './forms/receipt-form.presenter.ts';
export { renderSupplementRequestPdf } from './forms/supplement-request-form.presenter.ts';
export { renderRefusalPdf } from './forms/refusal-form.presenter.ts';
export { renderExtensionApologyPdf } from './forms/extension-apology-form.presenter.ts';
export { renderProcessingStopPdf } from './forms/processing-stop-form.presenter.ts';
export type * from './forms/dossier-forms.types.ts';
