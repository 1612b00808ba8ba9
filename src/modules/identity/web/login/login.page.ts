/** GET/POST /dang-nhap (password), GET /dang-nhap/dinh-danh (national e-ID, wired by the eid folder), POST /dang-xuat. */
import type { RouteHandlerMethod } from 'fastify';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { LoginService } from '../../login.service.ts';
import type { SessionService } from '../../session.service.ts';
import { errorView, formField, originOf, type WebKit } from '../session.hooks.ts';

const LOGIN = 'identity/web/login/login.njk';

export function registerLoginPages(app: HttpServer, kit: WebKit, login: LoginService, sessions: SessionService, eidLogin?: RouteHandlerMethod): void {
  app.get('/dang-nhap', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    kit.rememberNext(reply, query.next);
    if (request.identity?.session.stage === 'active') return reply.redirect(kit.afterLogin(request, reply), 303);
    const notice = query['da-dang-ky'] ? 'registered' : query['da-dat-lai'] ? 'reset' : null;
    return reply.page(LOGIN, { csrfToken: kit.csrfToken(request, reply), values: {}, notice });
  });

  app.post('/dang-nhap', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const identifier = formField(request.body, 'identifier').trim();
    const result = await login.login({ identifier, password: formField(request.body, 'password'), origin: originOf(request) });
    if (!result.ok) {
      // One message for a wrong password and an unknown account (no enumeration).
      const error =
        result.problem === 'locked'
          ? { field: 'identifier', messageKey: 'identity.login.errors.locked' }
          : result.problem === 'malformed' && identifier === ''
            ? { field: 'identifier', messageKey: 'identity.login.errors.identifierMissing' }
            : { field: 'identifier', messageKey: 'identity.login.errors.invalid' };
      request.log.info({ problem: result.problem, ip: request.ip }, 'login refused');
      return reply.code(result.problem === 'locked' ? 429 : 400).page(LOGIN, { ...errorView([error]), csrfToken: kit.csrfToken(request, reply), values: { identifier } });
    }
    kit.setSessionCookie(reply, result.token);
    return reply.redirect(result.stage === 'active' ? kit.afterLogin(request, reply) : '/dang-nhap/xac-thuc-hai-buoc', 303);
  });

  if (eidLogin) app.get('/dang-nhap/dinh-danh', { schema: { hide: true } }, eidLogin);
  else app.get('/dang-nhap/dinh-danh', { schema: { hide: true } }, async (_request, reply) => reply.page('identity/web/login/eid.njk', {}));

  app.post('/dang-xuat', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    if (request.identity) await sessions.logout(request.identity.session, originOf(request));
    kit.clearSessionCookie(reply);
    // A browser that entered portals through single sign-on goes on to log out of them as well.
    return reply.redirect(request.cookies._session ? '/oidc/session/end' : '/dang-nhap', 303);
  });
}
