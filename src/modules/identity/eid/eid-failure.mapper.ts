import * as oidc from 'openid-client';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { EidErrorCode } from './eid.errors.ts';

/**
 * Turns whatever openid-client (or the network) threw while completing a login into one of our
 * IDENTITY_EID_* codes. openid-client reports a failed check as a code plus, in `cause`, the claim
 * that failed; the messages are read only where the code alone is ambiguous.
 */
export function mapEidFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof oidc.AuthorizationResponseError) return authorizationError(err.error, err.error_description);
  if (err instanceof oidc.ResponseBodyError) return tokenEndpointError(err.error, err.error_description, err.status);
  if (err instanceof oidc.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: the provider did not accept our client credentials.
    const error = err.cause[0]?.parameters.error ?? 'invalid_client';
    return failure('IDENTITY_EID_UPSTREAM_ERROR', `${error} (HTTP ${err.status})`, { upstreamError: error, upstreamStatus: err.status });
  }
  if (err instanceof oidc.ClientError) return clientError(err);
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return failure(isNetworkFailure(message) ? 'IDENTITY_EID_UNAVAILABLE' : 'IDENTITY_EID_UPSTREAM_ERROR', message);
}

/** An error response at our callback (`?error=`), after the state was checked. */
export function authorizationError(error: string, description?: string): AppError {
  const code: EidErrorCode = error === 'access_denied' ? 'IDENTITY_EID_ACCESS_DENIED' : 'IDENTITY_EID_UPSTREAM_ERROR';
  return failure(code, description ? `${error}: ${description}` : error, { upstreamError: error });
}

function tokenEndpointError(error: string, description: string | undefined, status: number): AppError {
  const detail = description ? `${error}: ${description}` : error;
  if (error !== 'invalid_grant') return failure('IDENTITY_EID_UPSTREAM_ERROR', detail, { upstreamError: error, upstreamStatus: status });
  // Most providers do not say why a code was refused, on purpose; some (and our reference
  // provider) name a PKCE failure, which points at a bug on our side rather than a replay.
  const code: EidErrorCode = /pkce|code_verifier/i.test(description ?? '') ? 'IDENTITY_EID_PKCE_MISMATCH' : 'IDENTITY_EID_CODE_REJECTED';
  return failure(code, detail, { upstreamError: error });
}

function clientError(err: oidc.ClientError): AppError {
  const cause = (err.cause ?? {}) as { message?: string; cause?: { claim?: string } };
  const claim = cause.cause?.claim;
  switch (err.code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      return failure(claim === 'nonce' ? 'IDENTITY_EID_NONCE_MISMATCH' : 'IDENTITY_EID_ID_TOKEN_INVALID', cause.message ?? err.message, { claim });
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return failure(claim === 'exp' || claim === 'iat' ? 'IDENTITY_EID_ID_TOKEN_EXPIRED' : 'IDENTITY_EID_ID_TOKEN_INVALID', cause.message ?? err.message, { claim });
    case 'OAUTH_INVALID_RESPONSE': {
      const message = cause.message ?? err.message;
      if (/"state"/.test(message)) return failure('IDENTITY_EID_STATE_MISMATCH', message);
      return failure(/ID Token|JWT|signature/i.test(message) ? 'IDENTITY_EID_ID_TOKEN_INVALID' : 'IDENTITY_EID_UPSTREAM_ERROR', message);
    }
    case 'OAUTH_KEY_SELECTION_FAILED':
      return failure('IDENTITY_EID_ID_TOKEN_INVALID', err.message);
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_PARSE_ERROR':
      return failure('IDENTITY_EID_UPSTREAM_ERROR', err.message);
    default:
      return failure(isNetworkFailure(`${err.message} ${cause.message ?? ''}`) ? 'IDENTITY_EID_UNAVAILABLE' : 'IDENTITY_EID_UPSTREAM_ERROR', cause.message ?? err.message);
  }
}

function isNetworkFailure(message: string): boolean {
  return /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|timeout|TimeoutError|AbortError|network/i.test(message);
}

function failure(code: EidErrorCode, detail: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, detail, extra);
}
