/**
 * Per-request identity for pages: reads the signed session cookie, puts the signed-in person on
 * every page (header), and checks CSRF tokens on every form post.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';
import { CSRF_FIELD, type Csrf } from '../../../platform/http/csrf.ts';
import { newCookieToken, type CookieSigner } from '../../../platform/http/session-cookie.ts';
import type { HttpServer } from '../../../platform/http/server.ts';
import type { AccountWithSecrets, Origin, Session } from '../account.types.ts';
import type { SessionService } from '../session.service.ts';

export const SESSION_COOKIE = 'odvc_session';
const PRE_SESSION_COOKIE = 'odvc_pre';
export const FLOW_COOKIE = 'odvc_flow';
const NEXT_COOKIE = 'odvc_next';

/** Only paths of this site: "/x" but never "//host" or "/\\host", which browsers treat as other sites. */
export function safeNextPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![\/\\])[\x21-\x7e]*$/.test(value) && value.length <= 500 ? value : null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The session behind the cookie (any stage) and its account; null when none. */
    identity: { session: Session; account: AccountWithSecrets } | null;
  }
}

export interface WebKit {
  readonly signer: CookieSigner;
  readonly csrf: Csrf;
  readonly secureCookies: boolean;
  /** The CSRF token for the forms of this response (creates the pre-session cookie if needed). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Rejects a form post without the right token: 403 page and a log line. */
  checkCsrf(request: FastifyRequest): void;
  setSessionCookie(reply: FastifyReply, token: string): void;
  clearSessionCookie(reply: FastifyReply): void;
  /** Remembers a code flow (and the masked address the code went to) in a signed 15-minute cookie. */
  setFlow(reply: FastifyReply, purpose: string, flowId: string, masked: string): void;
  readFlow(request: FastifyRequest, purpose: string): { flowId: string; masked: string } | null;
  clearFlow(reply: FastifyReply): void;
  /** Remembers where to go once logged in (e.g. back into a portal's OpenID Connect login). */
  rememberNext(reply: FastifyReply, next: unknown): void;
  /** Where to go after a completed login: the remembered path, else the account page. */
  afterLogin(request: FastifyRequest, reply: FastifyReply): string;
}

export function originOf(request: FastifyRequest): Origin {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

export function createWebKit(options: { signer: CookieSigner; csrf: Csrf; secureCookies: boolean }): WebKit {
  const { signer, csrf, secureCookies } = options;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies };
  // The pre-session id read or created during this request, so one response uses one binding.
  const fresh = new WeakMap<FastifyRequest, string>();
  const binding = (request: FastifyRequest): string | null => {
    if (request.identity) return `s:${request.identity.session.id}`;
    const pre = fresh.get(request) ?? signer.unsign(PRE_SESSION_COOKIE, request.cookies[PRE_SESSION_COOKIE]);
    return pre ? `p:${pre}` : null;
  };
  return {
    signer,
    csrf,
    secureCookies,
    csrfToken(request, reply) {
      let bound = binding(request);
      if (!bound) {
        const pre = newCookieToken();
        fresh.set(request, pre);
        reply.setCookie(PRE_SESSION_COOKIE, signer.sign(PRE_SESSION_COOKIE, pre), cookieOptions);
        bound = `p:${pre}`;
      }
      return csrf.tokenFor(bound);
    },
    checkCsrf(request) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (csrf.verify(binding(request), body[CSRF_FIELD])) return;
      request.log.warn({ url: request.url, ip: request.ip, hasToken: typeof body[CSRF_FIELD] === 'string', signedIn: request.identity !== null }, 'CSRF token rejected');
      throw new AppError('IDENTITY_CSRF_INVALID');
    },
    setSessionCookie: (reply, token) => reply.setCookie(SESSION_COOKIE, signer.sign(SESSION_COOKIE, token), cookieOptions),
    clearSessionCookie: (reply) => reply.clearCookie(SESSION_COOKIE, cookieOptions),
    setFlow: (reply, purpose, flowId, masked) => reply.setCookie(FLOW_COOKIE, signer.sign(FLOW_COOKIE, `${purpose}|${flowId}|${masked}`), { ...cookieOptions, maxAge: 15 * 60 }),
    readFlow(request, purpose) {
      const [kind, flowId, masked = ''] = (signer.unsign(FLOW_COOKIE, request.cookies[FLOW_COOKIE]) ?? '').split('|');
      return kind === purpose && flowId ? { flowId, masked } : null;
    },
    clearFlow: (reply) => reply.clearCookie(FLOW_COOKIE, cookieOptions),
    rememberNext(reply, next) {
      const path = safeNextPath(next);
      if (path) reply.setCookie(NEXT_COOKIE, signer.sign(NEXT_COOKIE, path), { ...cookieOptions, maxAge: 30 * 60 });
    },
    afterLogin(request, reply) {
      const path = safeNextPath(signer.unsign(NEXT_COOKIE, request.cookies[NEXT_COOKIE]));
      if (request.cookies[NEXT_COOKIE] !== undefined) reply.clearCookie(NEXT_COOKIE, cookieOptions);
      return path ?? '/tai-khoan';
    },
  };
}

/** Resolves the session cookie on every request and exposes the signed-in person to templates. */
export function registerSessionHooks(app: HttpServer, kit: WebKit, sessions: SessionService): void {
  app.decorateRequest('identity', null);
  app.addHook('onRequest', async (request) => {
    request.identity = null;
    // Static files need no session, and a page's dozen asset requests should not each query it.
    if (request.url.startsWith('/assets/')) return;
    const token = kit.signer.unsign(SESSION_COOKIE, request.cookies[SESSION_COOKIE]);
    if (!token) return;
    request.identity = await sessions.resolve(token);
    const current = request.identity;
    if (current && current.session.stage === 'active') {
      const a = current.account;
      request.viewLocals.currentUser = { name: a.fullName || a.email || a.phone, type: a.type };
    }
  });
}

/** The signed-in account with an active session, or a redirect to the login page. */
export function requireSignedIn(request: FastifyRequest, reply: FastifyReply): { session: Session; account: AccountWithSecrets } | null {
  const current = request.identity;
  if (current && current.session.stage === 'active') return current;
  void reply.redirect('/dang-nhap', 303);
  return null;
}

/** The first value of a form field as NFC text ('' when absent). */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.normalize('NFC') : '';
}

/** Field errors as the templates want them: a list for the summary and a map for each field. */
export function errorView(errors: readonly { field: string; messageKey: string; params?: Record<string, unknown> }[]) {
  return { hasErrors: errors.length > 0, errors, errorMap: Object.fromEntries(errors.map((e) => [e.field, e])) };
}
