/**
 * A small client for VNPay's querydr and refund API. `fetch` and the API URL are parameters so
 * the sandbox, a test server or the real host can sit behind it.
 */
import { AppError } from '../../../../platform/errors/app-error.ts';
import {
  buildQueryDrBody,
  buildRefundBody,
  verifyQueryDrResponse,
  verifyRefundResponse,
  type QueryDrInput,
  type RefundInput,
} from './vnpay-api.protocol.ts';
import { fromVnpAmount, parseVnpDate } from './vnpay.protocol.ts';

export interface VnpayApiClientOptions {
  /** VNPAY_API_URL, e.g. https://sandbox.vnpayment.vn/merchant_webapi/api/transaction. */
  apiUrl: string;
  tmnCode: string;
  secret: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

export interface VnpayApiResult {
  /** False when the response's signature does not hold: then nothing in it may be trusted. */
  verified: boolean;
  responseCode: string;
  message: string;
  txnRef: string;
  amountVnd: number | null;
  transactionNo: string;
  transactionType: string;
  transactionStatus: string;
  bankCode: string;
  payDate: Date | null;
  body: Readonly<Record<string, unknown>>;
}

export interface VnpayApiClient {
  queryDr(input: Omit<QueryDrInput, 'tmnCode'>): Promise<VnpayApiResult>;
  refund(input: Omit<RefundInput, 'tmnCode'>): Promise<VnpayApiResult>;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function toResult(body: Record<string, unknown>, verified: boolean): VnpayApiResult {
  return {
    verified,
    responseCode: text(body.vnp_ResponseCode),
    message: text(body.vnp_Message),
    txnRef: text(body.vnp_TxnRef),
    amountVnd: fromVnpAmount(text(body.vnp_Amount)),
    transactionNo: text(body.vnp_TransactionNo),
    transactionType: text(body.vnp_TransactionType),
    transactionStatus: text(body.vnp_TransactionStatus),
    bankCode: text(body.vnp_BankCode),
    payDate: parseVnpDate(text(body.vnp_PayDate)),
    body,
  };
}

/**
 * Creates the client. Its calls throw `AppError('PAYMENT_GATEWAY_UNAVAILABLE')` when VNPay cannot
 * be reached or answers without JSON; a signed answer with an error code is a result, not a throw.
 */
export function createVnpayApiClient(options: VnpayApiClientOptions): VnpayApiClient {
  const post = async (body: Record<string, string>): Promise<Record<string, unknown>> => {
    let response: Response;
    try {
      response = await options.fetch(options.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new AppError('PAYMENT_GATEWAY_UNAVAILABLE', `VNPay ${body.vnp_Command}: ${(err as Error).message}`);
    }
    const parsed: unknown = await response.json().catch(() => null);
    if (!response.ok || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new AppError('PAYMENT_GATEWAY_UNAVAILABLE', `VNPay ${body.vnp_Command}: HTTP ${response.status}`);
    }
    return parsed as Record<string, unknown>;
  };
  return {
    async queryDr(input) {
      const body = await post(buildQueryDrBody({ ...input, tmnCode: options.tmnCode }, options.secret));
      return toResult(body, verifyQueryDrResponse(body, options.secret));
    },
    async refund(input) {
      const body = await post(buildRefundBody({ ...input, tmnCode: options.tmnCode }, options.secret));
      return toResult(body, verifyRefundResponse(body, options.secret));
    },
  };
}
