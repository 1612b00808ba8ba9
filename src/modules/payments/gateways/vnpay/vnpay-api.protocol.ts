/**
 * VNPay's merchant API (`POST {host}/merchant_webapi/api/transaction`): querydr and refund bodies,
 * signed with HMAC-SHA512 over `|`-joined values in a fixed order per message (DOMAIN.md §11.2).
 * Pure. The same orders serve the sandbox, which verifies requests and signs responses.
 */
import { formatVnpDate, hexDigestsEqual, hmacSha512Hex, toVnpAmount, VNPAY_VERSION } from './vnpay.protocol.ts';

export const VNPAY_API_PATH = '/merchant_webapi/api/transaction';

export const QUERYDR_REQUEST_FIELDS = [
  'vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_TransactionDate',
  'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo',
] as const;
export const QUERYDR_RESPONSE_FIELDS = [
  'vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount',
  'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus',
  'vnp_OrderInfo', 'vnp_PromotionCode', 'vnp_PromotionAmount',
] as const;
export const REFUND_REQUEST_FIELDS = [
  'vnp_RequestId', 'vnp_Version', 'vnp_Command', 'vnp_TmnCode', 'vnp_TransactionType', 'vnp_TxnRef', 'vnp_Amount',
  'vnp_TransactionNo', 'vnp_TransactionDate', 'vnp_CreateBy', 'vnp_CreateDate', 'vnp_IpAddr', 'vnp_OrderInfo',
] as const;
export const REFUND_RESPONSE_FIELDS = [
  'vnp_ResponseId', 'vnp_Command', 'vnp_ResponseCode', 'vnp_Message', 'vnp_TmnCode', 'vnp_TxnRef', 'vnp_Amount',
  'vnp_BankCode', 'vnp_PayDate', 'vnp_TransactionNo', 'vnp_TransactionType', 'vnp_TransactionStatus', 'vnp_OrderInfo',
] as const;

export type ApiBody = Record<string, unknown>;

/** A JSON value as VNPay puts it in the signed string: absent is empty, numbers as digits. */
function pipeValue(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Hex HMAC-SHA512 over the listed fields of a body, `|`-joined in that order. */
export function signPipe(body: ApiBody, fields: readonly string[], secret: string): string {
  return hmacSha512Hex(secret, fields.map((f) => pipeValue(body[f])).join('|'));
}

/** Constant-time check of `vnp_SecureHash` against the listed fields. */
export function verifyPipe(body: ApiBody, fields: readonly string[], secret: string): boolean {
  const given = body.vnp_SecureHash;
  return typeof given === 'string' && hexDigestsEqual(signPipe(body, fields, secret), given);
}

/**
 * A refund without `vnp_TransactionNo` is signed with "0" in its place (what the npm `vnpay`
 * client does), so the value is filled in before checking.
 */
export function withRefundDefaults(body: ApiBody): ApiBody {
  return body.vnp_TransactionNo === undefined || body.vnp_TransactionNo === '' ? { ...body, vnp_TransactionNo: '0' } : body;
}

export interface QueryDrInput {
  requestId: string;
  tmnCode: string;
  txnRef: string;
  /** The `vnp_CreateDate` of the payment being asked about. */
  transactionDate: Date;
  createdAt: Date;
  ipAddr: string;
  orderInfo: string;
}

/** The signed querydr request body. */
export function buildQueryDrBody(input: QueryDrInput, secret: string): Record<string, string> {
  const body: Record<string, string> = {
    vnp_RequestId: input.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'querydr',
    vnp_TmnCode: input.tmnCode,
    vnp_TxnRef: input.txnRef,
    vnp_OrderInfo: input.orderInfo,
    vnp_TransactionDate: formatVnpDate(input.transactionDate),
    vnp_CreateDate: formatVnpDate(input.createdAt),
    vnp_IpAddr: input.ipAddr,
  };
  return { ...body, vnp_SecureHash: signPipe(body, QUERYDR_REQUEST_FIELDS, secret) };
}

export type RefundType = '02' | '03';
export const FULL_REFUND: RefundType = '02';
export const PARTIAL_REFUND: RefundType = '03';

export interface RefundInput {
  requestId: string;
  tmnCode: string;
  txnRef: string;
  amountVnd: number;
  /** 02 full, 03 partial. */
  transactionType: RefundType;
  /** VNPay's `vnp_TransactionNo` of the payment; "0" when unknown. */
  transactionNo?: string;
  transactionDate: Date;
  /** Who asked for the refund (an official's user name). */
  createdBy: string;
  createdAt: Date;
  ipAddr: string;
  orderInfo: string;
}

/** The signed refund request body. Throws RangeError on a bad amount. */
export function buildRefundBody(input: RefundInput, secret: string): Record<string, string> {
  const body: Record<string, string> = {
    vnp_RequestId: input.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'refund',
    vnp_TmnCode: input.tmnCode,
    vnp_TransactionType: input.transactionType,
    vnp_TxnRef: input.txnRef,
    vnp_Amount: toVnpAmount(input.amountVnd),
    vnp_TransactionNo: input.transactionNo || '0',
    vnp_TransactionDate: formatVnpDate(input.transactionDate),
    vnp_CreateBy: input.createdBy,
    vnp_CreateDate: formatVnpDate(input.createdAt),
    vnp_IpAddr: input.ipAddr,
    vnp_OrderInfo: input.orderInfo,
  };
  return { ...body, vnp_SecureHash: signPipe(body, REFUND_REQUEST_FIELDS, secret) };
}

/** Checks a querydr response's signature. */
export function verifyQueryDrResponse(body: ApiBody, secret: string): boolean {
  return verifyPipe(body, QUERYDR_RESPONSE_FIELDS, secret);
}

/** Checks a refund response's signature. */
export function verifyRefundResponse(body: ApiBody, secret: string): boolean {
  return verifyPipe(body, REFUND_RESPONSE_FIELDS, secret);
}
