/** GET /tai-khoan/phien-dang-nhap (active sessions), POST …/thu-hoi (revoke one), POST …/dang-xuat-tat-ca (all). */
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { SessionService } from '../../session.service.ts';
import { formField, originOf, requireSignedIn, type WebKit } from '../session.hooks.ts';

export function registerSessionsPages(app: HttpServer, kit: WebKit, sessions: SessionService): void {
  app.get('/tai-khoan/phien-dang-nhap', { schema: { hide: true } }, async (request, reply) => {
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const list = await sessions.list(current.account.id);
    const fmt = new Intl.DateTimeFormat(request.locale === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
    return reply.page('identity/web/sessions/sessions.njk', {
      csrfToken: kit.csrfToken(request, reply),
      revoked: (request.query as Record<string, unknown>).da_thu_hoi === '1',
      sessions: list.map((s) => ({
        id: s.id,
        current: s.id === current.session.id,
        userAgent: s.userAgent ?? '',
        ip: s.ip ?? '',
        createdAt: fmt.format(s.createdAt),
        lastSeenAt: fmt.format(s.lastSeenAt),
        strong: s.acr.endsWith('totp'),
      })),
    });
  });

  app.post('/tai-khoan/phien-dang-nhap/thu-hoi', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const sessionId = formField(request.body, 'sessionId');
    if (/^[0-9a-f-]{36}$/.test(sessionId)) await sessions.revoke(current.account.id, sessionId, originOf(request));
    if (sessionId === current.session.id) {
      kit.clearSessionCookie(reply);
      return reply.redirect('/dang-nhap', 303);
    }
    return reply.redirect('/tai-khoan/phien-dang-nhap?da_thu_hoi=1', 303);
  });

  app.post('/tai-khoan/phien-dang-nhap/dang-xuat-tat-ca', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    await sessions.revokeAll(current.account.id, originOf(request));
    kit.clearSessionCookie(reply);
    return reply.redirect('/dang-nhap', 303);
  });
}
