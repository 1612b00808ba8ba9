/**
 * GET /tai-khoan/bao-mat (two-factor status and set-up, and connecting the national e-ID), POST …/bat
 * (confirm set-up), POST …/tat (switch off).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../../../platform/http/server.ts';
import type { TwoFactorService } from '../../two-factor.service.ts';
import { errorView, formField, originOf, requireSignedIn, type WebKit } from '../session.hooks.ts';

const TEMPLATE = 'identity/web/security/security.njk';
/**
 * Connecting the e-ID is an e-ID login started from this signed-in session: the callback then links
 * the e-ID to this account even when its ID number was typed by hand (eid-login.service.ts).
 */
export const EID_CONNECT_HREF = `/dang-nhap/dinh-danh?next=${encodeURIComponent('/tai-khoan/bao-mat?kq=dinh-danh')}`;

export function registerSecurityPages(app: HttpServer, kit: WebKit, twoFactor: TwoFactorService, eidLinked?: (accountId: string) => Promise<boolean>): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const { account } = request.identity!;
    const setup = account.totpEnabled ? null : await twoFactor.startEnrolment(account);
    const query = request.query as Record<string, unknown>;
    const eid = eidLinked ? { linked: await eidLinked(account.id), connectHref: EID_CONNECT_HREF } : null;
    return reply.page(TEMPLATE, { csrfToken: kit.csrfToken(request, reply), enabled: account.totpEnabled, official: account.type === 'official', setup, eid, notice: query.kq ?? null, ...extra });
  };

  app.get('/tai-khoan/bao-mat', { schema: { hide: true } }, async (request, reply) => {
    if (!requireSignedIn(request, reply)) return reply;
    return render(request, reply);
  });

  app.post('/tai-khoan/bao-mat/bat', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const result = await twoFactor.confirmEnrolment(current.account, formField(request.body, 'code'), originOf(request));
    if (!result.ok) return render(request, reply.code(result.problem === 'locked' ? 429 : 400), errorView([{ field: 'code', messageKey: `identity.totp.errors.${result.problem}` }]));
    return reply.redirect('/tai-khoan/bao-mat?kq=bat', 303);
  });

  app.post('/tai-khoan/bao-mat/tat', { schema: { hide: true } }, async (request, reply) => {
    kit.checkCsrf(request);
    const current = requireSignedIn(request, reply);
    if (!current) return reply;
    const result = await twoFactor.disable(current.account, formField(request.body, 'code'), originOf(request));
    if (!result.ok) return render(request, reply.code(result.problem === 'locked' ? 429 : 400), errorView([{ field: 'code', messageKey: `identity.totp.errors.${result.problem}` }]));
    return reply.redirect('/tai-khoan/bao-mat?kq=tat', 303);
  });
}
