/** Wires the sync part of the dossiers module: inbound API, integrations, webhooks, their CLI, task and subscriptions. */
import type { TaskList } from 'graphile-worker';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createSecretBox } from '../../../platform/crypto/secret-box.ts';
import type { EventHandler, Subscriptions } from '../../../platform/events/events.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { DossierCoreDeps } from '../core/dossier-deps.ts';
import { registerSyncApi, type ApiTokenCheck } from './api/sync.api.ts';
import { runIntegrationCommand } from './integration.cli.ts';
import { createIntegrationService, type ClientDirectory } from './integration.service.ts';
import type { SyncDb } from './sync-batch.repo.ts';
import { createSyncIngestService } from './sync-ingest.service.ts';
import { WEBHOOK_EVENTS } from './sync.types.ts';
import { createSyncNoticeHandler } from './sync-notices.handler.ts';
import { DELIVER_WEBHOOK_TASK } from './webhook.repo.ts';
import { createWebhookService } from './webhook.service.ts';
import type { RetryPolicy } from './webhook.workflow.ts';

export interface SyncOptions {
  /** The application secret (SESSION_SECRET or the development one): seals webhook secrets. Absent = no webhooks. */
  secret?: string | null;
  logger?: Logger;
  /** http:// webhooks on localhost / 127.0.0.1 (outside production). */
  allowInsecureWebhooks?: boolean;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  webhookTimeoutMs?: number;
  /** identity's `OidcModule.verifyApiToken` (or set later with `useApiTokenVerifier`). */
  verifyApiToken?: ApiTokenCheck;
  clients?: ClientDirectory;
  agencyExists?: (code: string) => Promise<boolean>;
}

const BOX_PURPOSE = 'dossier-webhook-secret';

export function createSyncModule(core: Pick<DossierCoreDeps, 'db' | 'calendar' | 'now' | 'services'>, options: SyncOptions = {}) {
  const db = core.db as unknown as SyncDb;
  const box = options.secret ? createSecretBox(options.secret, BOX_PURPOSE) : null;
  const integrations = createIntegrationService({ db, box, now: core.now, clients: options.clients, agencyExists: options.agencyExists, allowInsecureWebhooks: options.allowInsecureWebhooks });
  const ingest = createSyncIngestService({ db, services: core.services, calendar: core.calendar, now: core.now, logger: options.logger });
  const webhooks = createWebhookService({ db, box, now: core.now, retry: options.retry, fetch: options.fetch, timeoutMs: options.webhookTimeoutMs, logger: options.logger });
  let verify: ApiTokenCheck | null = options.verifyApiToken ?? null;
  const onPortalEvent: EventHandler = (event) => webhooks.onPortalEvent(event);
  const subscriptions: Record<string, EventHandler[]> = Object.fromEntries(WEBHOOK_EVENTS.map((type) => [type, [onPortalEvent]]));
  // Applicants hear of synced changes to their portal dossiers like of any other change.
  subscriptions['dossier.sync_applied'] = [createSyncNoticeHandler(core.db)];
  return {
    ingest,
    integrations,
    webhooks,
    /** Hands the sync API the OpenID Provider's token check (the provider is made after the modules). */
    useApiTokenVerifier(check: ApiTokenCheck) {
      verify = check;
    },
    /** Portal events pushed to integrations' webhooks (a `payment.*` event with a dossierId can be added here). */
    subscriptions,
    /** `others` with the webhook handlers added after theirs (other modules listen to the same dossier events). */
    subscriptionsAlong(others: Subscriptions): Subscriptions {
      const merged: Record<string, EventHandler[]> = Object.fromEntries(Object.entries(others).map(([type, handlers]) => [type, [...handlers]]));
      for (const [type, handlers] of Object.entries(subscriptions)) merged[type] = [...(merged[type] ?? []), ...handlers];
      return merged;
    },
    /** The worker's webhook sender. */
    tasks(): TaskList {
      return { [DELIVER_WEBHOOK_TASK]: async (payload) => webhooks.deliver((payload as { id: string }).id) };
    },
    /** `opendvc integration …` (see INTEGRATION_USAGE). */
    runIntegrationCommand: (args: readonly string[]) => runIntegrationCommand(args, { integrations, webhooks }),
    registerRoutes(app: HttpServer) {
      registerSyncApi(app, { ingest, integrations, webhooks, verifier: () => verify });
    },
  };
}

export type SyncModule = ReturnType<typeof createSyncModule>;

/** `opendvc integration …` without the rest of the portal: only the database and the registry are needed. */
export function createIntegrationCommand(deps: { db: Kysely<any>; secret: string; clients?: ClientDirectory; agencyExists?: (code: string) => Promise<boolean>; allowInsecureWebhooks: boolean; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const db = deps.db as SyncDb;
  const box = createSecretBox(deps.secret, BOX_PURPOSE);
  const integrations = createIntegrationService({ db, box, now, clients: deps.clients, agencyExists: deps.agencyExists, allowInsecureWebhooks: deps.allowInsecureWebhooks });
  const webhooks = createWebhookService({ db, box, now });
  return (args: readonly string[]) => runIntegrationCommand(args, { integrations, webhooks });
}
