import type { ErrorTable } from '../../../platform/errors/app-error.ts';

/** Error codes of agency-system sync and how the HTTP layer shows them. */
export const SYNC_ERRORS = {
  DOSSIER_SYNC_NOT_ENABLED: { status: 403, messageKey: 'dossiers.sync.errors.notEnabled' },
  DOSSIER_SYNC_UNAVAILABLE: { status: 503, messageKey: 'dossiers.sync.errors.unavailable' },
  DOSSIER_SYNC_INTEGRATION_NOT_FOUND: { status: 404, messageKey: 'dossiers.sync.errors.integrationNotFound' },
  DOSSIER_SYNC_INTEGRATION_INVALID: { status: 422, messageKey: 'dossiers.sync.errors.integrationInvalid' },
  DOSSIER_SYNC_DELIVERY_NOT_FOUND: { status: 404, messageKey: 'dossiers.sync.errors.deliveryNotFound' },
} as const satisfies ErrorTable;

export type SyncErrorCode = keyof typeof SYNC_ERRORS;
