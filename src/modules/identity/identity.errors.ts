import type { ErrorTable } from '../../platform/errors/app-error.ts';

/** Error codes of the identity module and how the HTTP layer shows them. */
export const IDENTITY_ERRORS = {
  IDENTITY_CSRF_INVALID: { status: 403, messageKey: 'identity.errors.csrfInvalid' },
  IDENTITY_LOGIN_REQUIRED: { status: 401, messageKey: 'identity.errors.loginRequired' },
  IDENTITY_FORBIDDEN: { status: 403, messageKey: 'identity.errors.forbidden' },
  IDENTITY_ACCOUNT_NOT_FOUND: { status: 404, messageKey: 'identity.errors.accountNotFound' },
  IDENTITY_INPUT_INVALID: { status: 400, messageKey: 'identity.errors.inputInvalid' },
  IDENTITY_ACCOUNT_EXISTS: { status: 409, messageKey: 'identity.errors.accountExists' },
  /** The e-ID vouched for a lower assurance level than the page demanded (`?acr=`): no session is opened. */
  IDENTITY_EID_LEVEL_TOO_LOW: { status: 403, messageKey: 'identity.errors.eidLevelTooLow' },
  /** The e-ID sent no 12-digit personal ID number, or a malformed one: we cannot link without it. */
  IDENTITY_EID_ID_NUMBER_INVALID: { status: 502, messageKey: 'identity.errors.eidIdNumberInvalid' },
  /** The account linked to (or holding the ID number of) this e-ID is disabled or not yet verified. */
  IDENTITY_EID_ACCOUNT_UNAVAILABLE: { status: 403, messageKey: 'identity.errors.eidAccountUnavailable' },
  /** An account holds the e-ID's ID number, typed by hand (never confirmed by an e-ID), and this browser is not signed in to it. */
  IDENTITY_EID_LINK_REFUSED: { status: 409, messageKey: 'identity.errors.eidLinkRefused' },
} as const satisfies ErrorTable;

export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS;
