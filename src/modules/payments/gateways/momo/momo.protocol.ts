/**
 * MoMo all-in-one payment gateway v2: create-request signing, IPN verification, result codes, the IPN
 * reply rule and a small create client. Facts from DOMAIN.md §11.3 (sources: npm
 * `momo-payment-gateway` documentation, api-evangelist/momo) and MoMo's developer documentation
 * (https://developers.momo.vn/v3/docs/payment/api/wallet/onetime): HMAC-SHA256 hex over
 * `key=value&…` with raw (unencoded) values, keys in alphabetical order.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../../platform/errors/app-error.ts';

export const MOMO_CREATE_PATH = '/v2/gateway/api/create';

/** Keys of the create signature, in the documented order. */
export const MOMO_CREATE_SIGNED_KEYS = [
  'accessKey', 'amount', 'extraData', 'ipnUrl', 'orderId', 'orderInfo',
  'partnerCode', 'redirectUrl', 'requestId', 'requestType',
] as const;

/** Keys of the IPN signature, in the documented order. */
export const MOMO_IPN_SIGNED_KEYS = [
  'accessKey', 'amount', 'extraData', 'message', 'orderId', 'orderInfo', 'orderType',
  'partnerCode', 'payType', 'requestId', 'responseTime', 'resultCode', 'transId',
] as const;

/** MoMo waits 15 s for the IPN acknowledgement, then retries; persist first, work later. */
export const MOMO_IPN_REPLY_DEADLINE_MS = 15_000;

export interface MomoCredentials {
  readonly partnerCode: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

export interface MomoCreateInput {
  readonly requestId: string;
  readonly orderId: string;
  /** Integer VND; MoMo takes VND as is (no scaling). */
  readonly amountVnd: number;
  readonly orderInfo: string;
  readonly redirectUrl: string;
  readonly ipnUrl: string;
  readonly requestType?: 'captureWallet' | 'payWithMethod';
  readonly extraData?: string;
  readonly lang?: 'vi' | 'en';
}

export interface MomoCreateBody {
  readonly partnerCode: string;
  readonly requestId: string;
  readonly amount: number;
  readonly orderId: string;
  readonly orderInfo: string;
  readonly redirectUrl: string;
  readonly ipnUrl: string;
  readonly requestType: string;
  readonly extraData: string;
  readonly lang: string;
  readonly signature: string;
}

/** `key=value&…` over the given keys in the given order, values raw (no URL encoding). */
export function buildMomoRawSignature(keys: readonly string[], values: Readonly<Record<string, unknown>>): string {
  return keys.map((key) => `${key}=${values[key] === undefined || values[key] === null ? '' : String(values[key])}`).join('&');
}

/** Hex HMAC-SHA256 of the raw signature string with the secret key. */
export function signMomo(raw: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(raw, 'utf8').digest('hex');
}

/** Builds the signed JSON body of a create request. Throws PAYMENT_MOMO_INVALID_AMOUNT. */
export function buildMomoCreateBody(input: MomoCreateInput, credentials: MomoCredentials): MomoCreateBody {
  if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0) {
    throw new AppError('PAYMENT_MOMO_INVALID_AMOUNT', String(input.amountVnd));
  }
  const fields = {
    partnerCode: credentials.partnerCode,
    requestId: input.requestId,
    amount: input.amountVnd,
    orderId: input.orderId,
    orderInfo: input.orderInfo,
    redirectUrl: input.redirectUrl,
    ipnUrl: input.ipnUrl,
    requestType: input.requestType ?? 'captureWallet',
    extraData: input.extraData ?? '',
    lang: input.lang ?? 'vi',
  };
  const raw = buildMomoRawSignature(MOMO_CREATE_SIGNED_KEYS, { ...fields, accessKey: credentials.accessKey });
  // accessKey is signed but not sent: the create body in MoMo's v2/v3 documentation has no accessKey field.
  return { ...fields, signature: signMomo(raw, credentials.secretKey) };
}

const numberLike = z.union([z.number(), z.string().regex(/^-?\d+$/)]);

/** The IPN body MoMo POSTs as JSON. Unknown extra fields are kept out of the signature. */
export const momoIpnSchema = z.object({
  partnerCode: z.string(),
  orderId: z.string(),
  requestId: z.string(),
  amount: numberLike,
  orderInfo: z.string(),
  orderType: z.string(),
  transId: numberLike,
  resultCode: numberLike,
  message: z.string(),
  payType: z.string(),
  responseTime: numberLike,
  extraData: z.string(),
  signature: z.string(),
});

export interface MomoIpn {
  readonly partnerCode: string;
  readonly orderId: string;
  readonly requestId: string;
  readonly amountVnd: number;
  readonly transId: string;
  readonly resultCode: number;
  readonly message: string;
  readonly payType: string;
  readonly responseTime: number;
  readonly extraData: string;
}

export type MomoIpnCheck =
  | { readonly ok: true; readonly ipn: MomoIpn }
  | { readonly ok: false; readonly error: 'malformed' | 'bad_signature' | 'wrong_partner' };

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Verifies an IPN body's signature and partner code; errors are values, never thrown. */
export function verifyMomoIpn(body: unknown, credentials: MomoCredentials): MomoIpnCheck {
  const parsed = momoIpnSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: 'malformed' };
  const b = parsed.data;
  const raw = buildMomoRawSignature(MOMO_IPN_SIGNED_KEYS, { ...b, accessKey: credentials.accessKey });
  if (!safeEqualHex(signMomo(raw, credentials.secretKey), b.signature)) return { ok: false, error: 'bad_signature' };
  if (b.partnerCode !== credentials.partnerCode) return { ok: false, error: 'wrong_partner' };
  return {
    ok: true,
    ipn: {
      partnerCode: b.partnerCode,
      orderId: b.orderId,
      requestId: b.requestId,
      amountVnd: Number(b.amount),
      transId: String(b.transId),
      resultCode: Number(b.resultCode),
      message: b.message,
      payType: b.payType,
      responseTime: Number(b.responseTime),
      extraData: b.extraData,
    },
  };
}

/** Cross-checks a verified IPN against our order (DOMAIN §11.3 step 2). */
export function checkMomoIpnAgainstOrder(
  ipn: MomoIpn,
  order: { readonly orderId: string; readonly amountVnd: number },
): 'ok' | 'order_mismatch' | 'amount_mismatch' {
  if (ipn.orderId !== order.orderId) return 'order_mismatch';
  if (ipn.amountVnd !== order.amountVnd) return 'amount_mismatch';
  return 'ok';
}

export type MomoOutcome = 'success' | 'authorised' | 'pending' | 'duplicate_request' | 'failure';

export interface MomoResultMeaning {
  readonly outcome: MomoOutcome;
  readonly vi: string;
  readonly en: string;
}

const MOMO_RESULTS: Readonly<Record<number, MomoResultMeaning>> = {
  0: { outcome: 'success', vi: 'Thanh toán thành công.', en: 'Payment successful.' },
  9000: {
    outcome: 'authorised',
    vi: 'Giao dịch đã được xác nhận, đang chờ hoàn tất.',
    en: 'Transaction authorised, capture pending.',
  },
  7000: { outcome: 'pending', vi: 'Giao dịch đang được xử lý.', en: 'Transaction is being processed.' },
  7002: {
    outcome: 'pending',
    vi: 'Giao dịch đang được nhà cung cấp phương thức thanh toán xử lý.',
    en: 'Transaction is being processed by the payment method provider.',
  },
  1000: {
    outcome: 'pending',
    vi: 'Giao dịch đã được khởi tạo, chờ người dùng xác nhận thanh toán.',
    en: 'Transaction initiated, waiting for the user to confirm.',
  },
  // Not a payment result: the same requestId was sent again before the first had a final result.
  // Query the transaction instead of treating the payment as failed.
  40: { outcome: 'duplicate_request', vi: 'Mã yêu cầu (requestId) bị trùng.', en: 'Duplicated requestId.' },
};

/** What a MoMo resultCode means, in Vietnamese and English; unknown codes are failures. */
export function describeMomoResult(resultCode: number): MomoResultMeaning {
  return (
    MOMO_RESULTS[resultCode] ?? {
      outcome: 'failure',
      vi: `Giao dịch không thành công (mã ${resultCode}).`,
      en: `Transaction failed (code ${resultCode}).`,
    }
  );
}

/**
 * HTTP status for our IPN reply. A verified IPN is acknowledged with 204 (no body) whatever its
 * resultCode and even if already processed, so MoMo stops retrying; an unverifiable one gets 400 and
 * is never acknowledged, so a forged notification cannot look accepted.
 */
export function momoIpnReplyStatus(check: MomoIpnCheck): 204 | 400 {
  return check.ok ? 204 : 400;
}

const createResponseSchema = z.object({
  partnerCode: z.string().optional(),
  orderId: z.string().optional(),
  requestId: z.string().optional(),
  amount: numberLike.optional(),
  resultCode: numberLike,
  message: z.string().default(''),
  payUrl: z.string().optional(),
  deeplink: z.string().optional(),
  qrCodeUrl: z.string().optional(),
});

export type MomoCreateResult =
  | { readonly kind: 'created'; readonly payUrl: string; readonly deeplink: string | null; readonly qrCodeUrl: string | null }
  | { readonly kind: 'rejected'; readonly resultCode: number; readonly meaning: MomoResultMeaning; readonly message: string }
  | { readonly kind: 'transport_error'; readonly detail: string };

/** POSTs a signed create body to `{endpoint}/v2/gateway/api/create`; transport problems are values. */
export async function createMomoPayment(deps: {
  readonly fetch: typeof globalThis.fetch;
  /** Base URL, e.g. https://test-payment.momo.vn (sandbox) or https://payment.momo.vn. */
  readonly endpoint: string;
  readonly body: MomoCreateBody;
  readonly timeoutMs?: number;
}): Promise<MomoCreateResult> {
  let response: Response;
  try {
    response = await deps.fetch(deps.endpoint.replace(/\/+$/, '') + MOMO_CREATE_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(deps.body),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
    });
  } catch (err) {
    return { kind: 'transport_error', detail: err instanceof Error ? err.message : String(err) };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { kind: 'transport_error', detail: `HTTP ${response.status}, body is not JSON` };
  }
  const parsed = createResponseSchema.safeParse(json);
  if (!parsed.success) return { kind: 'transport_error', detail: `HTTP ${response.status}, unexpected body` };
  const r = parsed.data;
  const resultCode = Number(r.resultCode);
  if (resultCode === 0) {
    if (!r.payUrl) return { kind: 'transport_error', detail: 'success without payUrl' };
    // A reply for another order or amount must never send a citizen to pay it.
    if (r.orderId !== deps.body.orderId || (r.amount !== undefined && Number(r.amount) !== deps.body.amount)) {
      return { kind: 'transport_error', detail: 'response does not echo our orderId and amount' };
    }
    return { kind: 'created', payUrl: r.payUrl, deeplink: r.deeplink ?? null, qrCodeUrl: r.qrCodeUrl ?? null };
  }
  return { kind: 'rejected', resultCode, meaning: describeMomoResult(resultCode), message: r.message };
}
