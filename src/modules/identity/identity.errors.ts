import type { ErrorTable } from '../../platform/errors/app-error.ts';

/** Error codes of the identity module and how the HTTP layer shows them. */
export const IDENTITY_ERRORS = {
  IDENTITY_CSRF_INVALID: { status: 403, messageKey: 'identity.errors.csrfInvalid' },
  IDENTITY_LOGIN_REQUIRED: { status: 401, messageKey: 'identity.errors.loginRequired' },
  IDENTITY_FORBIDDEN: { status: 403, messageKey: 'identity.errors.forbidden' },
  IDENTITY_ACCOUNT_NOT_FOUND: { status: 404, messageKey: 'identity.errors.accountNotFound' },
  IDENTITY_INPUT_INVALID: { status: 400, messageKey: 'identity.errors.inputInvalid' },
  IDENTITY_ACCOUNT_EXISTS: { status: 409, messageKey: 'identity.errors.accountExists' },
} as const satisfies ErrorTable;

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS;
