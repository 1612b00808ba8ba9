import type { HttpServer } from '../../../../platform/http/server.ts';
import type { NotificationService } from '../../notification.service.ts';
import { parseRecipient, presentMessageCard, presentMessageJson } from './mailbox.presenter.ts';

const LIMIT = 50;

/**
 * GET /dev/mailbox (the page) and /dev/mailbox.json (for tests and browser journeys reading codes):
 * the latest messages, newest first, `?to=` for one recipient. Registered only outside production.
 */
export function registerMailboxPages(app: HttpServer, service: NotificationService): void {
  app.get('/dev/mailbox.json', { schema: { hide: true } }, async (request, reply) => {
    const messages = await service.listLatest({ to: parseRecipient(request.query), limit: LIMIT });
    return reply.header('cache-control', 'no-store').send({ messages: messages.map(presentMessageJson) });
  });

  app.get('/dev/mailbox', { schema: { hide: true } }, async (request, reply) => {
    const to = parseRecipient(request.query);
    const messages = await service.listLatest({ to, limit: LIMIT });
    return reply
      .header('cache-control', 'no-store')
      .page('notifications/web/mailbox/mailbox.njk', { to, messages: messages.map((m) => presentMessageCard(m, request.locale)) });
  });
}
