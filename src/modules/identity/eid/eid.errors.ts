import type { ErrorTable } from '../../../platform/errors/app-error.ts';

/**
 * Failures of the login with the national e-ID. The ID token and code failures are all status 400:
 * the browser brought back something we refuse; the page offers to start the login again.
 */
export const EID_ERRORS = {
  /** The `state` in the callback is not the one this browser was given: a forged or replayed callback. */
  IDENTITY_EID_STATE_MISMATCH: { status: 400, messageKey: 'identity.errors.eidStateMismatch' },
  /** The ID token's `nonce` is not the one sent: a token injected from another login. */
  IDENTITY_EID_NONCE_MISMATCH: { status: 400, messageKey: 'identity.errors.eidNonceMismatch' },
  /** The provider says the PKCE code verifier does not match the challenge. */
  IDENTITY_EID_PKCE_MISMATCH: { status: 400, messageKey: 'identity.errors.eidPkceMismatch' },
  /** The provider refused the code (reused, expired, or a PKCE mismatch it does not name). */
  IDENTITY_EID_CODE_REJECTED: { status: 400, messageKey: 'identity.errors.eidCodeRejected' },
  /** The ID token failed validation: signature, issuer, audience, or shape. */
  IDENTITY_EID_ID_TOKEN_INVALID: { status: 400, messageKey: 'identity.errors.eidIdTokenInvalid' },
  /** The ID token has expired (or was issued too long ago). */
  IDENTITY_EID_ID_TOKEN_EXPIRED: { status: 400, messageKey: 'identity.errors.eidIdTokenExpired' },
  /** The citizen cancelled or refused consent at the provider (`access_denied`). */
  IDENTITY_EID_ACCESS_DENIED: { status: 403, messageKey: 'identity.errors.eidAccessDenied' },
  /** The provider answered with another OAuth error, or with something that is not OAuth. */
  IDENTITY_EID_UPSTREAM_ERROR: { status: 502, messageKey: 'identity.errors.eidUpstreamError' },
  /** The provider cannot be reached (network, discovery). */
  IDENTITY_EID_UNAVAILABLE: { status: 503, messageKey: 'identity.errors.eidUnavailable' },
  /** No e-ID is configured (production without EID_ISSUER). */
  IDENTITY_EID_NOT_CONFIGURED: { status: 503, messageKey: 'identity.errors.eidNotConfigured' },
} as const satisfies ErrorTable;

export type EidErrorCode = keyof typeof EID_ERRORS;
