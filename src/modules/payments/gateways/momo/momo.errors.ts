import type { ErrorTable } from '../../../../platform/errors/app-error.ts';

/** Codes thrown when our own code asks MoMo for something it would refuse (a programming error). */
export const MOMO_ERRORS = {
  PAYMENT_MOMO_INVALID_AMOUNT: { status: 500, messageKey: 'payments.errors.momoInvalidAmount' },
} as const satisfies ErrorTable;

export type MomoErrorCode = keyof typeof MOMO_ERRORS;
