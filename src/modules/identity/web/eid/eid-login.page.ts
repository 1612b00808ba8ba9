/**
 * GET /dang-nhap/dinh-danh (start: redirect to the national e-ID) and GET /dang-nhap/dinh-danh/callback
 * (back from it: link or create the account, open the session). What the callback must check
 * (state, nonce, PKCE verifier, the level demanded) rides in a signed cookie that lives 10 minutes.
 */
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { AppError, isAppError } from '../../../../platform/errors/app-error.ts';
import type { HttpServer } from '../../../../platform/http/server.ts';
import { EID_ERRORS, isEidAssuranceLevel, type EidAssuranceLevel, type NationalEidPort } from '../../eid/index.ts';
import type { EidLoginService } from '../../eid-login.service.ts';
import { IDENTITY_ERRORS } from '../../identity.errors.ts';
import { originOf, type WebKit } from '../session.hooks.ts';

export const EID_CALLBACK_PATH = '/dang-nhap/dinh-danh/callback';
const EID_FLOW_COOKIE = 'odvc_eid';
const FLOW_TTL_MS = 10 * 60_000;
const ERROR_PAGE = 'identity/web/eid/eid-error.njk';

export interface EidPageDeps {
  readonly client: NationalEidPort;
  readonly issuer: string;
  /** The portal's public origin (PUBLIC_URL): the callback URL registered at the e-ID is built on it, never on the Host header. */
  readonly publicUrl: string;
  readonly eidLogin: EidLoginService;
  readonly now: () => Date;
}

interface EidFlow {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly acr: EidAssuranceLevel | null;
  /** Milliseconds since the epoch: the signed value carries its own end, whatever the browser keeps. */
  readonly exp: number;
}

/** The e-ID pages: `start` for GET /dang-nhap/dinh-danh (the login page wires it), and the callback route. */
export function createEidLoginPages(kit: WebKit, deps: EidPageDeps): { start: RouteHandlerMethod; registerCallback(app: HttpServer): void } {
  const base = deps.publicUrl.replace(/\/$/, '');
  const redirectUri = `${base}${EID_CALLBACK_PATH}`;
  const cookieOptions = { path: '/dang-nhap/dinh-danh', httpOnly: true, sameSite: 'lax' as const, secure: kit.secureCookies };

  const writeFlow = (reply: FastifyReply, flow: EidFlow) =>
    reply.setCookie(EID_FLOW_COOKIE, kit.signer.sign(EID_FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url')), { ...cookieOptions, maxAge: FLOW_TTL_MS / 1000 });

  const readFlow = (request: FastifyRequest): EidFlow | null => {
    const raw = kit.signer.unsign(EID_FLOW_COOKIE, request.cookies[EID_FLOW_COOKIE]);
    if (!raw) return null;
    try {
      const flow = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as EidFlow;
      return flow.exp > deps.now().getTime() ? flow : null;
    } catch {
      return null;
    }
  };

  /** Refusals are expected (the citizen cancelled, the link expired): logged, audited, shown as a page. */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, err: unknown, retryAcr: EidAssuranceLevel | null) => {
    if (!isAppError(err) || !(err.code in EID_ERRORS || err.code in IDENTITY_ERRORS)) throw err;
    const spec = EID_ERRORS[err.code as keyof typeof EID_ERRORS] ?? IDENTITY_ERRORS[err.code as keyof typeof IDENTITY_ERRORS];
    const origin = originOf(request);
    request.log.warn({ code: err.code, detail: err.detail, ip: origin.ip, path: request.url.split('?')[0] }, 'e-ID login refused');
    await deps.eidLogin.recordFailure(err.code, origin, { detail: err.detail ?? null, ...err.extra });
    const retry = retryAcr ? `/dang-nhap/dinh-danh?acr=${encodeURIComponent(retryAcr)}` : '/dang-nhap/dinh-danh';
    return reply.code(spec.status).page(ERROR_PAGE, { messageKey: spec.messageKey, code: err.code, status: spec.status, retry, requiredLevel: retryAcr ? retryAcr.slice(-1) : null });
  };

  const start: RouteHandlerMethod = async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const acr = query.acr === undefined || query.acr === '' ? null : query.acr;
    if (acr !== null && !isEidAssuranceLevel(acr)) {
      return refuse(request, reply, new AppError('IDENTITY_INPUT_INVALID', `unknown assurance level "${String(acr)}"`), null);
    }
    kit.rememberNext(reply, query.next);
    try {
      // Always ask for a level: providers (oidc-provider among them) put `acr` in the ID token only when
      // it was requested, and the session must record it. A demanded level also forces a fresh
      // authentication at the e-ID, whose own session may be weaker.
      const auth = await deps.client.createAuthorizationRequest({ redirectUri, acr: acr ?? 'urn:vneid:loa:1', ...(acr ? { prompt: 'login' as const } : {}) });
      writeFlow(reply, { state: auth.state, nonce: auth.nonce, codeVerifier: auth.codeVerifier, acr, exp: deps.now().getTime() + FLOW_TTL_MS });
      return reply.redirect(auth.url, 303);
    } catch (err) {
      return refuse(request, reply, err, acr);
    }
  };

  const callback: RouteHandlerMethod = async (request, reply) => {
    const flow = readFlow(request);
    // One use: whatever happens next, this authorization request is spent.
    reply.clearCookie(EID_FLOW_COOKIE, cookieOptions);
    try {
      if (!flow) throw new AppError('IDENTITY_EID_STATE_MISMATCH', 'no e-ID login under way in this browser (flow cookie missing, tampered with or expired)');
      const result = await deps.client.completeAuthorization({ callbackUrl: `${base}${request.url}`, expected: flow });
      if (result.claimIssues.length > 0) request.log.warn({ claims: result.claimIssues, subject: result.subject }, 'e-ID sent malformed claims; they were dropped');
      const login = await deps.eidLogin.completeLogin({
        issuer: deps.issuer,
        result,
        requiredAcr: flow.acr,
        origin: originOf(request),
        previousSession: request.identity?.session ?? null,
        locale: request.locale,
      });
      request.log.info({ accountId: login.accountId, outcome: login.outcome, acr: login.acr, stage: login.stage }, 'e-ID login');
      kit.setSessionCookie(reply, login.token);
      return reply.redirect(login.stage === 'active' ? kit.afterLogin(request, reply) : '/dang-nhap/xac-thuc-hai-buoc', 303);
    } catch (err) {
      return refuse(request, reply, err, flow?.acr ?? null);
    }
  };

  return {
    start,
    registerCallback(app) {
      app.get(EID_CALLBACK_PATH, { schema: { hide: true } }, callback);
    },
  };
}
