import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { DeliveryError, type OutgoingMessage, type Transports } from './notification.port.ts';
import { insertInboxItems } from './inbox.repo.ts';
import { claimForDelivery, insertMessage, listLatest, markSent, MAX_DELIVERY_ATTEMPTS, recordFailure } from './notification.repo.ts';
import type { NotificationTables } from './notification.tables.ts';
import type { NotificationMessage, RenderedMessage } from './notification.types.ts';

export interface NotificationServiceDeps {
  db: Kysely<NotificationTables>;
  logger: Logger;
  now: () => Date;
  newId: () => string;
}

export type DeliveryOutcome =
  | { readonly outcome: 'sent'; readonly transport: string }
  | { readonly outcome: 'skipped' }
  | { readonly outcome: 'retry' | 'failed'; readonly error: string };

/** Use cases of the outbox: queue a rendered message once per event, deliver it, list what went out. */
export function createNotificationService(deps: NotificationServiceDeps) {
  const { db, logger, now } = deps;
  return {
    /** Stores a message rendered from an event and queues its delivery; null when a re-dispatch finds it already there. */
    async queue(event: { id: string; type: string }, message: RenderedMessage): Promise<string | null> {
      const id = await db.transaction().execute((tx) => insertMessage(tx, deps.newId(), event, message));
      if (id) logger.info({ notification: id, event: event.id, type: event.type, channel: message.channel }, 'notification queued');
      return id;
    },

    /**
     * Stores every message of one event (e-mails and SMS with their delivery jobs, in-app messages) in
     * one transaction. A re-dispatched event adds nothing it already added. Returns what was new.
     */
    async queueAll(
      event: { id: string; type: string; occurredAt: string },
      messages: readonly RenderedMessage[],
      inbox: { accountIds: readonly string[]; kind: string; params: Record<string, unknown> } | null,
    ): Promise<{ messages: string[]; inbox: string[] }> {
      const added = await db.transaction().execute(async (tx) => {
        const ids: string[] = [];
        for (const message of messages) {
          const id = await insertMessage(tx, deps.newId(), event, message);
          if (id) ids.push(id);
        }
        const items = inbox ? [...new Set(inbox.accountIds)].map((accountId) => ({ id: deps.newId(), accountId, kind: inbox.kind, params: inbox.params })) : [];
        const inboxIds = await insertInboxItems(tx, { id: event.id, occurredAt: new Date(event.occurredAt) }, items);
        return { messages: ids, inbox: inboxIds };
      });
      if (added.messages.length + added.inbox.length > 0) {
        logger.info({ event: event.id, type: event.type, messages: added.messages.length, inbox: added.inbox.length }, 'notifications queued');
      }
      return added;
    },

    /**
     * One delivery attempt. A message already sent (or given up) is skipped, so a repeated job
     * never sends twice. Transport failures come back as outcomes, not exceptions.
     */
    async deliver(id: string, transports: Transports): Promise<DeliveryOutcome> {
      const message = await claimForDelivery(db, id);
      if (!message) return { outcome: 'skipped' };
      if (message.expiresAt && message.expiresAt.getTime() <= now().getTime()) {
        const error = 'expired before it could be delivered';
        await recordFailure(db, id, error, true);
        logger.warn({ notification: id }, `notification ${error}`);
        return { outcome: 'failed', error };
      }
      const transport = transports[message.channel];
      try {
        await transport.send(toOutgoing(message));
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const final = (err instanceof DeliveryError && err.permanent) || message.attempts >= MAX_DELIVERY_ATTEMPTS;
        await recordFailure(db, id, error, final);
        logger.warn({ notification: id, attempt: message.attempts, final, transport: transport.name, error }, 'notification delivery failed');
        return { outcome: final ? 'failed' : 'retry', error };
      }
      await markSent(db, id, transport.name, now());
      return { outcome: 'sent', transport: transport.name };
    },

    /** The latest messages, newest first (the development mailbox). */
    listLatest(options: { to?: string | undefined; limit?: number } = {}): Promise<NotificationMessage[]> {
      return listLatest(db, { to: options.to, limit: Math.min(options.limit ?? 50, 200) });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

function toOutgoing(m: NotificationMessage): OutgoingMessage {
  return { id: m.id, channel: m.channel, recipient: m.recipient, locale: m.locale, subject: m.subject, text: m.text, html: m.html };
}
