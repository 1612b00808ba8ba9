import { randomUUID } from 'node:crypto';
import type { TaskList } from 'graphile-worker';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Subscriptions } from '../../platform/events/events.ts';
import type { HttpServer } from '../../platform/http/server.ts';
import { createDeliverTask } from './jobs/deliver-message.job.ts';
import { createDossierEventHandlers, type AccountDirectory } from './jobs/dossier-events.handler.ts';
import { createIdentityEventHandlers } from './jobs/identity-events.handler.ts';
import { createInboxService } from './inbox.service.ts';
import { selectTransports, type NotificationsEnv } from './notification-transports.config.ts';
import type { Transports } from './notification.port.ts';
import { DELIVER_TASK } from './notification.repo.ts';
import { createNotificationService } from './notification.service.ts';
import type { NotificationTables } from './notification.tables.ts';
import { registerInboxPages, registerUnreadCountHook, type FormSecurity } from './web/inbox/inbox.page.ts';
import { registerMailboxPages } from './web/mailbox/mailbox.page.ts';
import { notificationsMessages } from './web/notifications.messages.ts';

export type { NotificationTransport, OutgoingMessage, Transports } from './notification.port.ts';
export { DeliveryError } from './notification.port.ts';
export type { NotificationService, DeliveryOutcome } from './notification.service.ts';
export type { NotificationMessage } from './notification.types.ts';
export type { NotificationsEnv } from './notification-transports.config.ts';
export type { AccountDirectory } from './jobs/dossier-events.handler.ts';
export type { InboxService, InboxItem } from './inbox.service.ts';
export { DOSSIER_NOTICE_KINDS } from './dossier-notice.types.ts';
export { DELIVER_TASK, notificationsMessages };

export interface NotificationsModuleDeps {
  db: Kysely<NotificationTables>;
  logger: Logger;
  /** Transports, plus PUBLIC_URL (and PORT) for the links in dossier messages. */
  env: NotificationsEnv & { readonly PUBLIC_URL?: string | undefined; readonly PORT?: number | undefined };
  /** Replaces the adapters chosen from `env` (tests). */
  transports?: Transports;
  now?: () => Date;
}

/** E-mail and SMS from domain events, through an outbox (see README.md). */
export function createNotificationsModule(deps: NotificationsModuleDeps) {
  const logger = deps.logger.child({ module: 'notifications' });
  const now = deps.now ?? (() => new Date());
  const service = createNotificationService({ db: deps.db, logger, now, newId: randomUUID });
  const inbox = createInboxService({ db: deps.db, now });
  const publicUrl = (deps.env.PUBLIC_URL ?? `http://localhost:${deps.env.PORT ?? 3000}`).replace(/\/$/, '');
  /** Event type → handlers; `accounts` gives each account's language for dossier messages (Vietnamese without it). */
  const subscriptionsWith = (ports: { accounts?: AccountDirectory } = {}): Subscriptions => ({
    ...createIdentityEventHandlers(service, logger),
    ...createDossierEventHandlers(service, logger, { publicUrl, accounts: ports.accounts }),
  });
  return {
    service,
    /** The signed-in person's in-app messages (the /tai-khoan/thong-bao page). */
    inbox,
    /** Event type → handlers, for the composition root's subscriptions (see `subscriptionsWith`). */
    subscriptions: subscriptionsWith(),
    subscriptionsWith,
    /**
     * The worker's delivery task. Chooses the adapters now, so a production worker without a
     * transport stops at start-up. @throws ConfigError (see notification-transports.config.ts)
     */
    tasks(): TaskList {
      return { [DELIVER_TASK]: createDeliverTask(service, deps.transports ?? selectTransports(deps.env)) };
    },
    /**
     * /dev/mailbox and /dev/mailbox.json, outside production only (in production they are 404); with
     * identity's web kit, the inbox pages (/tai-khoan/thong-bao) and the header's unread count.
     */
    registerRoutes(app: HttpServer, web?: FormSecurity) {
      if (deps.env.NODE_ENV !== 'production') registerMailboxPages(app, service);
      if (web) {
        registerInboxPages(app, { inbox, web });
        registerUnreadCountHook(app, inbox);
      }
    },
  };
}

export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
