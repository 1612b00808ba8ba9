import type { ErrorTable } from '../../../../platform/errors/app-error.ts';

/** Codes thrown when our own code asks for a payload NAPAS would not accept (a programming error). */
export const VIETQR_ERRORS = {
  PAYMENT_VIETQR_INVALID_BIN: { status: 500, messageKey: 'payments.errors.vietqrInvalidBin' },
  PAYMENT_VIETQR_INVALID_ACCOUNT: { status: 500, messageKey: 'payments.errors.vietqrInvalidAccount' },
  PAYMENT_VIETQR_INVALID_AMOUNT: { status: 500, messageKey: 'payments.errors.vietqrInvalidAmount' },
  PAYMENT_VIETQR_INVALID_PAYMENT_CODE: { status: 500, messageKey: 'payments.errors.vietqrInvalidPaymentCode' },
} as const satisfies ErrorTable;

export type VietQrErrorCode = keyof typeof VIETQR_ERRORS;
