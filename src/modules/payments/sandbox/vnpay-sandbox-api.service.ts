/**
 * The sandbox's answers to `POST /merchant_webapi/api/transaction` (querydr and refund), signed
 * as VNPay signs them. Checks run in VNPay's order: format (03), terminal (02), checksum (97),
 * duplicate request id (94), transaction (91), then the refund rules (95).
 */
import { randomBytes } from 'node:crypto';
import {
  QUERYDR_REQUEST_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_REQUEST_FIELDS,
  REFUND_RESPONSE_FIELDS,
  signPipe,
  verifyPipe,
  withRefundDefaults,
  type ApiBody,
} from '../gateways/vnpay/vnpay-api.protocol.ts';
import { describeApiResponseCode } from '../gateways/vnpay/vnpay.codes.ts';
import { formatVnpDate, parseVnpDate } from '../gateways/vnpay/vnpay.protocol.ts';
import type { SandboxStore, SandboxTransaction } from './vnpay-sandbox.store.ts';

export interface SandboxApiContext {
  tmnCode: string;
  secret: string;
  store: SandboxStore;
  now: () => Date;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function missing(body: ApiBody, fields: readonly string[]): boolean {
  return fields.some((f) => str(body[f]) === '');
}

function respond(
  command: 'querydr' | 'refund',
  code: string,
  body: ApiBody,
  tx: SandboxTransaction | undefined,
  extra: Record<string, string>,
  ctx: SandboxApiContext,
): Record<string, string> {
  const out: Record<string, string> = {
    vnp_ResponseId: randomBytes(16).toString('hex'),
    vnp_Command: command,
    vnp_ResponseCode: code,
    vnp_Message: describeApiResponseCode(code).en,
    vnp_TmnCode: str(body.vnp_TmnCode),
    vnp_TxnRef: str(body.vnp_TxnRef),
    vnp_Amount: tx ? String(tx.vnpAmount) : '',
    vnp_BankCode: tx?.bankCode ?? '',
    vnp_PayDate: tx?.payDate ?? '',
    vnp_TransactionNo: tx?.transactionNo ?? '',
    vnp_TransactionType: '01',
    vnp_TransactionStatus: tx?.transactionStatus ?? '',
    vnp_OrderInfo: tx?.orderInfo ?? '',
    ...(command === 'querydr' ? { vnp_PromotionCode: '', vnp_PromotionAmount: '' } : {}),
    ...extra,
  };
  const fields = command === 'querydr' ? QUERYDR_RESPONSE_FIELDS : REFUND_RESPONSE_FIELDS;
  return { ...out, vnp_SecureHash: signPipe(out, fields, ctx.secret) };
}

function findPayment(body: ApiBody, ctx: SandboxApiContext): SandboxTransaction | undefined {
  const tx = ctx.store.find(ctx.tmnCode, str(body.vnp_TxnRef));
  return tx && tx.createDate === str(body.vnp_TransactionDate) ? tx : undefined;
}

/** Common checks; a response code to stop with, or null to go on. */
function precheck(body: ApiBody, fields: readonly string[], ctx: SandboxApiContext): string | null {
  if (missing(body, fields) || str(body.vnp_Version) !== '2.1.0' || !parseVnpDate(str(body.vnp_CreateDate))) return '03';
  if (str(body.vnp_TmnCode) !== ctx.tmnCode) return '02';
  if (!verifyPipe(body, fields, ctx.secret)) return '97';
  if (!ctx.store.claimRequestId(ctx.tmnCode, str(body.vnp_RequestId))) return '94';
  return null;
}

function answerQueryDr(body: ApiBody, ctx: SandboxApiContext): Record<string, string> {
  const stop = precheck(body, QUERYDR_REQUEST_FIELDS, ctx);
  if (stop) return respond('querydr', stop, body, undefined, {}, ctx);
  const tx = findPayment(body, ctx);
  return respond('querydr', tx ? '00' : '91', body, tx, {}, ctx);
}

function answerRefund(raw: ApiBody, ctx: SandboxApiContext): Record<string, string> {
  const body = withRefundDefaults(raw);
  const stop = precheck(body, REFUND_REQUEST_FIELDS, ctx);
  if (stop) return respond('refund', stop, body, undefined, {}, ctx);
  const type = str(body.vnp_TransactionType);
  const amount = /^\d{1,17}$/.test(str(body.vnp_Amount)) ? Number(str(body.vnp_Amount)) : NaN;
  if ((type !== '02' && type !== '03') || !(amount > 0) || amount % 100 !== 0) return respond('refund', '03', body, undefined, {}, ctx);
  const tx = findPayment(body, ctx);
  if (!tx) return respond('refund', '91', body, undefined, {}, ctx);
  const remaining = tx.vnpAmount - tx.refundedVnpAmount;
  const paid = tx.responseCode === '00' && tx.transactionNo !== '0';
  // A full refund returns the whole payment and only while nothing was refunded; partial ones
  // never exceed what is left. Anything else, or a refund of a failed payment, is refused.
  const fits = type === '02' ? tx.refundedVnpAmount === 0 && amount === tx.vnpAmount : amount <= remaining;
  if (!paid || remaining <= 0 || !fits) return respond('refund', '95', body, tx, { vnp_Amount: String(amount), vnp_TransactionType: type }, ctx);
  tx.refundedVnpAmount += amount;
  tx.transactionStatus = tx.refundedVnpAmount === tx.vnpAmount ? '06' : tx.transactionStatus;
  const refundNo = ctx.store.nextTransactionNo();
  tx.refunds.push({ requestId: str(body.vnp_RequestId), vnpAmount: amount, transactionType: type, transactionNo: refundNo, createdBy: str(body.vnp_CreateBy), at: formatVnpDate(ctx.now()) });
  return respond('refund', '00', body, tx, { vnp_Amount: String(amount), vnp_TransactionType: type, vnp_TransactionNo: refundNo, vnp_TransactionStatus: '05' }, ctx);
}

/** The JSON answer to one API request. */
export function answerApiRequest(body: unknown, ctx: SandboxApiContext): Record<string, string> {
  const b: ApiBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as ApiBody) : {};
  if (b.vnp_Command === 'querydr') return answerQueryDr(b, ctx);
  if (b.vnp_Command === 'refund') return answerRefund(b, ctx);
  return respond('querydr', '03', b, undefined, {}, ctx);
}
