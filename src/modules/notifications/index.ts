import { randomUUID } from 'node:crypto';
import type { TaskList } from 'graphile-worker';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Subscriptions } from '../../platform/events/events.ts';
import type { HttpServer } from '../../platform/http/server.ts';
import { createDeliverTask } from './jobs/deliver-message.job.ts';
import { createIdentityEventHandlers } from './jobs/identity-events.handler.ts';
import { selectTransports, type NotificationsEnv } from './notification-transports.config.ts';
import type { Transports } from './notification.port.ts';
import { DELIVER_TASK } from './notification.repo.ts';
import { createNotificationService } from './notification.service.ts';
import type { NotificationTables } from './notification.tables.ts';
import { registerMailboxPages } from './web/mailbox/mailbox.page.ts';
import { notificationsMessages } from './web/notifications.messages.ts';

export type { NotificationTransport, OutgoingMessage, Transports } from './notification.port.ts';
export { DeliveryError } from './notification.port.ts';
export type { NotificationService, DeliveryOutcome } from './notification.service.ts';
export type { NotificationMessage } from './notification.types.ts';
export type { NotificationsEnv } from './notification-transports.config.ts';
export { DELIVER_TASK, notificationsMessages };

export interface NotificationsModuleDeps {
  db: Kysely<NotificationTables>;
  logger: Logger;
  env: NotificationsEnv;
  /** Replaces the adapters chosen from `env` (tests). */
  transports?: Transports;
  now?: () => Date;
}

/** E-mail and SMS from domain events, through an outbox (see README.md). */
export function createNotificationsModule(deps: NotificationsModuleDeps) {
  const logger = deps.logger.child({ module: 'notifications' });
  const service = createNotificationService({ db: deps.db, logger, now: deps.now ?? (() => new Date()), newId: randomUUID });
  return {
    service,
    /** Event type → handlers, for the composition root's subscriptions. */
    subscriptions: createIdentityEventHandlers(service, logger) satisfies Subscriptions,
    /**
     * The worker's delivery task. Chooses the adapters now, so a production worker without a
     * transport stops at start-up. @throws ConfigError (see notification-transports.config.ts)
     */
    tasks(): TaskList {
      return { [DELIVER_TASK]: createDeliverTask(service, deps.transports ?? selectTransports(deps.env)) };
    },
    /** /dev/mailbox and /dev/mailbox.json, outside production only (in production they are 404). */
    registerRoutes(app: HttpServer) {
      if (deps.env.NODE_ENV !== 'production') registerMailboxPages(app, service);
    },
  };
}

export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
