import type { ErrorTable } from '../../platform/errors/app-error.ts';

/** Error codes of the agencies module and how the HTTP layer shows them. */
export const AGENCY_ERRORS = {
  AGENCY_NOT_FOUND: { status: 404, messageKey: 'agencies.errors.agencyNotFound' },
  ADMIN_UNIT_NOT_FOUND: { status: 404, messageKey: 'agencies.errors.adminUnitNotFound' },
  ADMIN_UNIT_QUERY_EMPTY: { status: 400, messageKey: 'agencies.errors.adminUnitQueryEmpty' },
  AGENCY_SEED_INVALID: { status: 500, messageKey: 'agencies.errors.seedInvalid' },
} as const satisfies ErrorTable;

export type AgencyErrorCode = keyof typeof AGENCY_ERRORS;
