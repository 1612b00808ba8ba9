/** How one error code is shown: HTTP status and a message key in the i18n catalogue. */
export interface ErrorSpec {
  readonly status: number;
  readonly messageKey: string;
}

export type ErrorTable = Readonly<Record<string, ErrorSpec>>;

/** The codes the platform itself raises; modules add theirs in their `*.errors.ts`. */
export const PLATFORM_ERRORS = {
  VALIDATION_FAILED: { status: 400, messageKey: 'errors.validationFailed' },
  NOT_FOUND: { status: 404, messageKey: 'errors.notFound' },
  METHOD_NOT_ALLOWED: { status: 405, messageKey: 'errors.methodNotAllowed' },
  PAYLOAD_TOO_LARGE: { status: 413, messageKey: 'errors.payloadTooLarge' },
  RATE_LIMITED: { status: 429, messageKey: 'errors.rateLimited' },
  SERVICE_UNAVAILABLE: { status: 503, messageKey: 'errors.serviceUnavailable' },
  INTERNAL: { status: 500, messageKey: 'errors.internal' },
} as const satisfies ErrorTable;

/**
 * The one error type of OpenDVC. Domain code throws `new AppError('CATALOG_PROCEDURE_NOT_FOUND')`;
 * the HTTP layer maps the code to a status and message through the error table.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
