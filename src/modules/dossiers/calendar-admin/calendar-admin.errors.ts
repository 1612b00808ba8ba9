import type { ErrorTable } from '../../../platform/errors/app-error.ts';

/** Error codes of the holiday calendar administration and how the HTTP layer shows them. */
export const CALENDAR_ADMIN_ERRORS = {
  DOSSIER_CALENDAR_FORBIDDEN: { status: 403, messageKey: 'dossiers.calendar.errors.forbidden' },
  DOSSIER_CALENDAR_YEAR_UNSUPPORTED: { status: 404, messageKey: 'dossiers.calendar.errors.yearUnsupported' },
} as const satisfies ErrorTable;

export type CalendarAdminErrorCode = keyof typeof CALENDAR_ADMIN_ERRORS;
