/**
 * GET /tai-khoan/thong-bao (the signed-in person's messages, newest first), POST …/:id/da-doc (mark one
 * read) and POST …/da-doc-tat-ca (mark all read), both with the CSRF token, then back to the list
 * (post-redirect-get). Someone else's message answers like one that does not exist.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { InboxService } from '../../inbox.service.ts';
import { INBOX_PAGE_SIZE, INBOX_PATH, parsePage, presentInboxItem } from './inbox.presenter.ts';

/** The CSRF half of identity's web kit (`identity.web`), passed in by app.ts. */
export interface FormSecurity {
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws IDENTITY_CSRF_INVALID (403) unless `request.body._csrf` is the right token. */
  checkCsrf(request: FastifyRequest): void;
}

/**
 * The signed-in account's id, or null after sending the person to log in. `request.identity` is
 * identity's public per-request state (its hooks run before every route).
 */
function signedInAccount(request: FastifyRequest, reply: FastifyReply): string | null {
  const current = request.identity;
  if (current && current.session.stage === 'active') return current.account.id;
  void reply.redirect(`/dang-nhap?next=${encodeURIComponent(INBOX_PATH)}`, 303);
  return null;
}

export function registerInboxPages(app: HttpServer, deps: { inbox: InboxService; web: FormSecurity }): void {
  app.get(INBOX_PATH, { schema: { hide: true } }, async (request, reply) => {
    const accountId = signedInAccount(request, reply);
    if (!accountId) return reply;
    const page = parsePage(request.query);
    const { items, total, unread } = await deps.inbox.list(accountId, { limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
    const query = request.query as Record<string, unknown>;
    return reply.header('cache-control', 'no-store').page('notifications/web/inbox/inbox.njk', {
      items: items.map((i) => presentInboxItem(i, request.locale)),
      total,
      unread,
      page,
      previous: page > 1 ? `${INBOX_PATH}?trang=${page - 1}` : null,
      next: page < pages ? `${INBOX_PATH}?trang=${page + 1}` : null,
      notice: query.da_doc === '1' ? 'markedOne' : query.da_doc === 'tat-ca' ? 'markedAll' : null,
      csrfToken: deps.web.csrfToken(request, reply),
    });
  });

  app.post(`${INBOX_PATH}/da-doc-tat-ca`, { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const accountId = signedInAccount(request, reply);
    if (!accountId) return reply;
    await deps.inbox.markAllRead(accountId);
    return reply.redirect(`${INBOX_PATH}?da_doc=tat-ca`, 303);
  });

  app.post(`${INBOX_PATH}/:id/da-doc`, { schema: { hide: true } }, async (request, reply) => {
    deps.web.checkCsrf(request);
    const accountId = signedInAccount(request, reply);
    if (!accountId) return reply;
    const { id } = request.params as { id: string };
    if (!(await deps.inbox.markRead(accountId, id))) throw new AppError('NOT_FOUND', 'no such message in this inbox');
    return reply.redirect(`${INBOX_PATH}?da_doc=1`, 303);
  });
}

/**
 * Puts the signed-in person's unread count on every page (the header's "Thông báo" link). Only for
 * pages: API calls and assets never pay for the query.
 */
export function registerUnreadCountHook(app: HttpServer, inbox: InboxService): void {
  app.addHook('preHandler', async (request) => {
    const current = request.identity;
    if (!current || current.session.stage !== 'active' || request.method !== 'GET') return;
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.url.startsWith('/oidc')) return;
    if (!(request.headers.accept ?? '').includes('text/html')) return;
    request.viewLocals.inboxBadge = { unread: await inbox.unreadCount(current.account.id) };
  });
}
