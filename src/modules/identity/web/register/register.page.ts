/** GET/POST /dang-ky (register) and /dang-ky/xac-minh (enter the code). */
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { RegistrationService } from '../../registration.service.ts';
import { errorView, formField, originOf, type WebKit } from '../session.hooks.ts';

const REGISTER = 'identity/web/register/register.njk';
const VERIFY = 'identity/web/register/verify.njk';

export function registerRegisterPages(app: HttpServer, kit: WebKit, registration: RegistrationService): void {
  app.get('/dang-ky', { schema: { hide: true } }, async (request, reply) => {
    return reply.page(REGISTER, { csrfToken: kit.csrfToken(request, reply), values: {} });
  });

  app.post('/dang-ky', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const values = { type: formField(request.body, 'type'), contact: formField(request.body, 'contact').trim() };
    const result = await registration.register({ ...values, password: formField(request.body, 'password'), locale: request.locale, origin: originOf(request) });
    if (!result.ok) {
      request.log.info({ fields: result.errors.map((e) => e.field) }, 'registration form rejected');
      return reply.code(400).page(REGISTER, { ...errorView(result.errors), csrfToken: kit.csrfToken(request, reply), values });
    }
    kit.setFlow(reply, 'register', result.flowId, result.masked);
    return reply.redirect('/dang-ky/xac-minh', 303);
  });

  app.get('/dang-ky/xac-minh', { schema: { hide: true } }, async (request, reply) => {
    const flow = kit.readFlow(request, 'register');
    if (!flow) return reply.redirect('/dang-ky', 303);
    return reply.page(VERIFY, { csrfToken: kit.csrfToken(request, reply), to: flow.masked });
  });

  app.post('/dang-ky/xac-minh', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const flow = kit.readFlow(request, 'register');
    if (!flow) return reply.redirect('/dang-ky', 303);
    const flowId = flow.flowId;
    const code = formField(request.body, 'code').replace(/\s/g, '');
    const check = /^\d{6}$/.test(code) ? await registration.verify({ flowId, code, origin: originOf(request) }) : null;
    if (!check || !check.ok) {
      const messageKey = check ? `identity.code.errors.${check.problem}` : 'identity.code.errors.format';
      request.log.info({ problem: check && !check.ok ? check.problem : 'format' }, 'registration code rejected');
      return reply.code(400).page(VERIFY, { ...errorView([{ field: 'code', messageKey }]), csrfToken: kit.csrfToken(request, reply), code, to: flow.masked });
    }
    kit.clearFlow(reply);
    return reply.redirect('/dang-nhap?da-dang-ky=1', 303);
  });
}
