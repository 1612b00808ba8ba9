import type { ErrorTable } from '../../../platform/errors/app-error.ts';

/** Error codes of the service configuration; messages in web/service-config/service-config.messages.ts. */
export const SERVICE_CONFIG_ERRORS = {
  /** The definition fails the schema or the cross-checks; `extra.errors` lists every problem. */
  DOSSIER_SERVICE_INVALID: { status: 422, messageKey: 'serviceConfig.errors.invalid' },
  DOSSIER_SERVICE_FORBIDDEN: { status: 403, messageKey: 'serviceConfig.errors.forbidden' },
  DOSSIER_SERVICE_LOGIN_REQUIRED: { status: 401, messageKey: 'serviceConfig.errors.loginRequired' },
  /** No such procedure in the catalog, no such agency, or no such stored version. */
  DOSSIER_SERVICE_NOT_FOUND: { status: 404, messageKey: 'serviceConfig.errors.notFound' },
  /** Someone published a newer version since the one the edit started from. */
  DOSSIER_SERVICE_CONFLICT: { status: 409, messageKey: 'serviceConfig.errors.conflict' },
} as const satisfies ErrorTable;

export type ServiceConfigErrorCode = keyof typeof SERVICE_CONFIG_ERRORS;
