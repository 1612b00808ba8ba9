/**
 * Synchronizer tokens against cross-site request forgery. The token is an HMAC of what the form is
 * bound to (a session id, or the random id of a pre-session cookie for anonymous forms), so it is
 * stateless, differs per visitor and cannot be guessed from another site. SameSite=Lax cookies are
 * a second line, not the only one (older browsers, same-site subdomains).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CSRF_FIELD = '_csrf';

export interface Csrf {
  tokenFor(binding: string): string;
  verify(binding: string | null, token: unknown): boolean;
}

export function createCsrf(secret: string): Csrf {
  const tokenFor = (binding: string) => createHmac('sha256', secret).update(`csrf\u0000${binding}`).digest('base64url');
  return {
    tokenFor,
    verify(binding, token) {
      if (!binding || typeof token !== 'string' || token.length === 0) return false;
      const expected = Buffer.from(tokenFor(binding));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
