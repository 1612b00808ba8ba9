/**
 * VNPay payment gateway v2.1.0, the redirect half (DOMAIN.md §11.2): the signed pay URL, the
 * verification of the signed return and IPN queries, and the IPN replies. Pure: no I/O, no clock.
 * Amounts are integer VND outside this file; VNPay's × 100 scaling happens only here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNPAY_VERSION = '2.1.0';
export type VnpayLocale = 'vn' | 'en';
/** Values a query may carry before signing; empty ones are dropped, as VNPay does. */
export type VnpParams = Readonly<Record<string, string | number | null | undefined>>;
/** A parsed query string as Fastify or `URLSearchParams` hands it over. */
export type QueryInput = URLSearchParams | Readonly<Record<string, unknown>>;

const HASH_FIELDS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);
const GMT7_OFFSET_MS = 7 * 3600 * 1000;
const VNP_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** The string VNPay signs: non-empty parameters sorted by key, form-encoded like URLSearchParams. */
export function canonicalQuery(params: VnpParams): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  return search.toString();
}

/** Hex HMAC-SHA512 of a UTF-8 string with the merchant's hash secret. */
export function hmacSha512Hex(secret: string, data: string): string {
  return createHmac('sha512', secret).update(Buffer.from(data, 'utf8')).digest('hex');
}

/** `vnp_SecureHash` for a set of query parameters (the hash fields themselves are never signed). */
export function signQuery(params: VnpParams, secret: string): string {
  const signed: Record<string, string | number | null | undefined> = {};
  for (const [key, value] of Object.entries(params)) if (!HASH_FIELDS.has(key)) signed[key] = value;
  return hmacSha512Hex(secret, canonicalQuery(signed));
}

/** The canonical query with its `vnp_SecureHash` appended last, ready to put after `?`. */
export function toSignedQueryString(params: VnpParams, secret: string): string {
  return `${canonicalQuery(params)}&vnp_SecureHash=${signQuery(params, secret)}`;
}

/** Constant-time comparison of two hex digests; false for anything that is not hex. */
export function hexDigestsEqual(expected: string, given: string): boolean {
  if (!/^[0-9a-fA-F]+$/.test(given) || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'));
}

/**
 * Flattens a query to one string per key. A key given twice makes the query ambiguous (which
 * value was signed?), so it yields null and the query is refused.
 */
export function singleValuedQuery(query: QueryInput): Record<string, string> | null {
  const out: Record<string, string> = {};
  const entries: [string, unknown][] = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    if (Object.hasOwn(out, key)) return null;
    out[key] = String(value);
  }
  return out;
}

/** True when `vnp_SecureHash` signs exactly the other parameters (vnp_SecureHashType ignored). */
export function verifyQuery(query: QueryInput, secret: string): boolean {
  const flat = singleValuedQuery(query);
  const given = flat?.vnp_SecureHash;
  if (!flat || !given) return false;
  return hexDigestsEqual(signQuery(flat, secret), given);
}

/** `yyyyMMddHHmmss` on VNPay's clock (GMT+7), whatever the server's time zone. */
export function formatVnpDate(date: Date): string {
  const d = new Date(date.getTime() + GMT7_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Reads a VNPay `yyyyMMddHHmmss` (GMT+7) time; null when absent or not a real date. */
export function parseVnpDate(value: string | undefined | null): Date | null {
  const m = value ? VNP_DATE.exec(value) : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - GMT7_OFFSET_MS);
}

/** VND → `vnp_Amount` (× 100). Throws on anything but a positive safe integer. */
export function toVnpAmount(amountVnd: number): string {
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0 || !Number.isSafeInteger(amountVnd * 100)) {
    throw new RangeError(`VNPay amounts are positive whole VND, got ${amountVnd}`);
  }
  return String(amountVnd * 100);
}

/** `vnp_Amount` → VND; null unless it is digits and a whole number of đồng. */
export function fromVnpAmount(vnpAmount: string | undefined): number | null {
  if (!vnpAmount || !/^\d{1,17}$/.test(vnpAmount)) return null;
  const raw = Number(vnpAmount);
  return Number.isSafeInteger(raw) && raw % 100 === 0 ? raw / 100 : null;
}

export interface PaymentUrlInput {
  /** e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html (VNPAY_URL). */
  payUrl: string;
  tmnCode: string;
  secret: string;
  amountVnd: number;
  txnRef: string;
  /** VNPay asks for text without diacritics here; it is signed as given either way. */
  orderInfo: string;
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt?: Date;
  locale: VnpayLocale;
  bankCode?: string;
  orderType?: string;
}

/** The pay parameters, unsigned (exported for tests and for the sandbox's own checks). */
export function paymentParams(input: Omit<PaymentUrlInput, 'payUrl' | 'secret'>): Record<string, string | undefined> {
  return {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: input.tmnCode,
    vnp_Amount: toVnpAmount(input.amountVnd),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: input.txnRef,
    vnp_OrderInfo: input.orderInfo,
    vnp_OrderType: input.orderType ?? 'other',
    vnp_Locale: input.locale,
    vnp_ReturnUrl: input.returnUrl,
    vnp_IpAddr: input.ipAddr,
    vnp_CreateDate: formatVnpDate(input.createdAt),
    vnp_ExpireDate: input.expiresAt ? formatVnpDate(input.expiresAt) : undefined,
    vnp_BankCode: input.bankCode,
  };
}

/** The signed redirect to VNPay's pay page. Throws RangeError on a bad amount. */
export function buildPaymentUrl(input: PaymentUrlInput): string {
  const separator = input.payUrl.includes('?') ? '&' : '?';
  return `${input.payUrl}${separator}${toSignedQueryString(paymentParams(input), input.secret)}`;
}

export type IpnReplyCode = '00' | '01' | '02' | '03' | '04' | '97' | '99';
export interface IpnReply {
  readonly RspCode: IpnReplyCode;
  readonly Message: string;
}

/** The JSON the merchant answers an IPN with; VNPay retries unless it gets 00 or 02. */
export const IPN_REPLIES = {
  '00': { RspCode: '00', Message: 'Confirm Success' },
  '01': { RspCode: '01', Message: 'Order not found' },
  '02': { RspCode: '02', Message: 'Order already confirmed' },
  '03': { RspCode: '03', Message: 'IP prohibited' },
  '04': { RspCode: '04', Message: 'Invalid amount' },
  '97': { RspCode: '97', Message: 'Fail checksum' },
  '99': { RspCode: '99', Message: 'Unknown error' },
} as const satisfies Record<IpnReplyCode, IpnReply>;

/** True for the replies after which VNPay stops calling the IPN again. */
export function isFinalIpnReply(reply: unknown): boolean {
  const code = (reply as { RspCode?: unknown } | null)?.RspCode;
  return code === '00' || code === '02';
}

export interface IpnResult {
  ok: true;
  txnRef: string;
  amountVnd: number;
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: Date | null;
  tmnCode: string;
  /** Both codes 00: the money was taken. Anything else is a failed or cancelled payment. */
  success: boolean;
}

/**
 * Reads an IPN (or return) query. A bad or missing signature gives `97`; a correctly signed query
 * that lacks the order reference or carries an amount that is not whole VND gives `99`.
 */
export function parseIpn(query: QueryInput, secret: string): { ok: false; rsp: '97' | '99' } | IpnResult {
  if (!verifyQuery(query, secret)) return { ok: false, rsp: '97' };
  const q = singleValuedQuery(query)!;
  const amountVnd = fromVnpAmount(q.vnp_Amount);
  if (!q.vnp_TxnRef || amountVnd === null || !q.vnp_ResponseCode) return { ok: false, rsp: '99' };
  const responseCode = q.vnp_ResponseCode;
  const transactionStatus = q.vnp_TransactionStatus ?? '';
  return {
    ok: true,
    txnRef: q.vnp_TxnRef,
    amountVnd,
    responseCode,
    transactionStatus,
    transactionNo: q.vnp_TransactionNo ?? '',
    bankCode: q.vnp_BankCode ?? '',
    payDate: parseVnpDate(q.vnp_PayDate),
    tmnCode: q.vnp_TmnCode ?? '',
    success: responseCode === '00' && transactionStatus === '00',
  };
}
