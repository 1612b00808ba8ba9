/** GET/POST /dang-nhap/xac-thuc-hai-buoc: the TOTP step of a login, or set-up when an official has none yet. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { TwoFactorService } from '../../two-factor.service.ts';
import { errorView, formField, originOf, type WebKit } from '../session.hooks.ts';

const TEMPLATE = 'identity/web/second-factor/second-factor.njk';

export function registerSecondFactorPage(app: HttpServer, kit: WebKit, twoFactor: TwoFactorService): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const { session, account } = request.identity!;
    const enrol = session.stage === 'second_factor_enrol';
    const setup = enrol ? await twoFactor.startEnrolment(account) : null;
    return reply.page(TEMPLATE, { csrfToken: kit.csrfToken(request, reply), enrol, setup, ...extra });
  };

  app.get('/dang-nhap/xac-thuc-hai-buoc', { schema: { hide: true } }, async (request, reply) => {
    const stage = request.identity?.session.stage;
    if (!stage) return reply.redirect('/dang-nhap', 303);
    if (stage === 'active') return reply.redirect(kit.afterLogin(request, reply), 303);
    return render(request, reply);
  });

  app.post('/dang-nhap/xac-thuc-hai-buoc', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = request.identity;
    if (!current || current.session.stage === 'active') return reply.redirect('/dang-nhap', 303);
    const code = formField(request.body, 'code');
    const origin = originOf(request);
    const result =
      current.session.stage === 'second_factor_enrol'
        ? await twoFactor.confirmEnrolment(current.account, code, origin, current.session)
        : await twoFactor.verifyLogin(current.account, current.session, code, origin);
    if (!result.ok) {
      request.log.info({ problem: result.problem, accountId: current.account.id }, 'second factor refused');
      reply.code(result.problem === 'locked' ? 429 : 400);
      return render(request, reply, { ...errorView([{ field: 'code', messageKey: `identity.totp.errors.${result.problem}` }]) });
    }
    return reply.redirect(kit.afterLogin(request, reply), 303);
  });
}
