/** Who may use the documents pages: a person signed in with an active session, on their own documents only. */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The CSRF half of identity's web kit (`identity.web`), passed in by app.ts. */
export interface FormSecurity {
  /** The token for this response's forms (hidden field `_csrf`). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** Throws IDENTITY_CSRF_INVALID (403) unless `request.body._csrf` is the right token. */
  checkCsrf(request: FastifyRequest): void;
}

/**
 * The signed-in account's id, or null after sending the person to log in (back to `next` afterwards).
 * `request.identity` is identity's public per-request state (its hooks run before every route).
 */
export function requireApplicant(request: FastifyRequest, reply: FastifyReply, next = request.url): string | null {
  const current = request.identity;
  if (current && current.session.stage === 'active') return current.account.id;
  void reply.redirect(`/dang-nhap?next=${encodeURIComponent(next)}`, 303);
  return null;
}
