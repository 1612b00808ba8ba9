import type { ErrorTable } from '../../../platform/errors/app-error.ts';

export const OIDC_ERRORS = {
  IDENTITY_OIDC_CLIENT_NOT_FOUND: { status: 404, messageKey: 'identity.oidc.errors.clientNotFound' },
  IDENTITY_OIDC_CLIENT_INVALID: { status: 400, messageKey: 'identity.oidc.errors.clientInvalid' },
  IDENTITY_TOKEN_MISSING: { status: 401, messageKey: 'identity.oidc.errors.tokenMissing' },
  IDENTITY_TOKEN_INVALID: { status: 401, messageKey: 'identity.oidc.errors.tokenInvalid' },
  IDENTITY_TOKEN_SCOPE: { status: 403, messageKey: 'identity.oidc.errors.tokenScope' },
} as const satisfies ErrorTable;
