import type { ErrorTable } from '../../../platform/errors/app-error.ts';

/** Error codes of the dossier core and how the HTTP layer shows them. */
export const DOSSIER_ERRORS = {
  DOSSIER_NOT_FOUND: { status: 404, messageKey: 'dossiers.errors.notFound' },
  DOSSIER_FORBIDDEN: { status: 403, messageKey: 'dossiers.errors.forbidden' },
  DOSSIER_ACTION_NOT_ALLOWED: { status: 409, messageKey: 'dossiers.errors.actionNotAllowed' },
  DOSSIER_IDEMPOTENCY_CONFLICT: { status: 409, messageKey: 'dossiers.errors.idempotencyConflict' },
  DOSSIER_INVALID: { status: 422, messageKey: 'dossiers.errors.invalid' },
  DOSSIER_DOCUMENTS_MISSING: { status: 422, messageKey: 'dossiers.errors.documentsMissing' },
  DOSSIER_SUPPLEMENT_ALREADY_REQUESTED: { status: 409, messageKey: 'dossiers.errors.supplementAlreadyRequested' },
  DOSSIER_SUPPLEMENT_EXPIRED: { status: 409, messageKey: 'dossiers.errors.supplementExpired' },
  DOSSIER_ALREADY_EXTENDED: { status: 409, messageKey: 'dossiers.errors.alreadyExtended' },
  DOSSIER_EXTENSION_TOO_LATE: { status: 409, messageKey: 'dossiers.errors.extensionTooLate' },
  DOSSIER_ALREADY_RATED: { status: 409, messageKey: 'dossiers.errors.alreadyRated' },
  DOSSIER_NOT_ONLINE: { status: 409, messageKey: 'dossiers.errors.notOnline' },
  DOSSIER_LOOKUP_FAILED: { status: 404, messageKey: 'dossiers.errors.lookupFailed' },
} as const satisfies ErrorTable;

export type DossierErrorCode = keyof typeof DOSSIER_ERRORS;
