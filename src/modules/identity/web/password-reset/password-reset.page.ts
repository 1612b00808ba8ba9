/** GET/POST /quen-mat-khau (ask for a code) and /quen-mat-khau/dat-lai (code + new password). */
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { PasswordResetService } from '../../password-reset.service.ts';
import { errorView, formField, originOf, type WebKit } from '../session.hooks.ts';

const REQUEST = 'identity/web/password-reset/request.njk';
const RESET = 'identity/web/password-reset/reset.njk';

export function registerPasswordResetPages(app: HttpServer, kit: WebKit, reset: PasswordResetService): void {
  app.get('/quen-mat-khau', { schema: { hide: true } }, async (request, reply) => {
    return reply.page(REQUEST, { csrfToken: kit.csrfToken(request, reply), values: {} });
  });

  app.post('/quen-mat-khau', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const contact = formField(request.body, 'contact').trim();
    const result = await reset.request({ identifier: contact, locale: request.locale, origin: originOf(request) });
    if (!result.ok) {
      return reply.code(400).page(REQUEST, { ...errorView(result.errors), csrfToken: kit.csrfToken(request, reply), values: { contact } });
    }
    kit.setFlow(reply, 'password_reset', result.flowId, result.masked);
    return reply.redirect('/quen-mat-khau/dat-lai', 303);
  });

  app.get('/quen-mat-khau/dat-lai', { schema: { hide: true } }, async (request, reply) => {
    const flow = kit.readFlow(request, 'password_reset');
    if (!flow) return reply.redirect('/quen-mat-khau', 303);
    return reply.page(RESET, { csrfToken: kit.csrfToken(request, reply), to: flow.masked });
  });

  app.post('/quen-mat-khau/dat-lai', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const flow = kit.readFlow(request, 'password_reset');
    if (!flow) return reply.redirect('/quen-mat-khau', 303);
    const code = formField(request.body, 'code').replace(/\s/g, '');
    const result = await reset.complete({ flowId: flow.flowId, code, password: formField(request.body, 'password'), origin: originOf(request) });
    if (!result.ok) {
      request.log.info({ fields: result.errors.map((e) => e.messageKey) }, 'password reset refused');
      return reply.code(400).page(RESET, { ...errorView(result.errors), csrfToken: kit.csrfToken(request, reply), to: flow.masked, code });
    }
    kit.clearFlow(reply);
    kit.clearSessionCookie(reply);
    return reply.redirect('/dang-nhap?da-dat-lai=1', 303);
  });
}
