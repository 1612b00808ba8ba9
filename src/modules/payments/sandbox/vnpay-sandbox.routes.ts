/**
 * A local stand-in for VNPay (issue 5): it speaks protocol v2.1.0 exactly, so the portal's real
 * VNPay adapter can be shown and tested offline. Mount it with a prefix:
 * `app.register(registerVnpaySandbox, { prefix: '/sandbox/vnpay', tmnCode, secret, ipnUrl, publicBase })`.
 * Transactions live in memory only (see vnpay-sandbox.store.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  formatVnpDate,
  fromVnpAmount,
  parseVnpDate,
  singleValuedQuery,
  toSignedQueryString,
  verifyQuery,
  VNPAY_VERSION,
} from '../gateways/vnpay/vnpay.protocol.ts';
import { VNPAY_API_PATH } from '../gateways/vnpay/vnpay-api.protocol.ts';
import { answerApiRequest } from './vnpay-sandbox-api.service.ts';
import { createIpnDelivery } from './vnpay-sandbox-ipn.service.ts';
import { renderErrorPage, renderPayPage } from './vnpay-sandbox.pages.ts';
import { createSandboxStore, type SandboxTransaction } from './vnpay-sandbox.store.ts';
import { SANDBOX_BANKS, type VnpaySandboxOptions } from './vnpay-sandbox.types.ts';

export const SANDBOX_PAY_PATH = '/paymentv2/vpcpay.html';

interface PayRequest {
  query: Record<string, string>;
  signedQuery: string;
  vnpAmount: number;
  amountVnd: number;
}

type Checked = { ok: true; pay: PayRequest } | { ok: false; code: string; message: string };

/** Checks a pay query as VNPay's pay page does, in the same order of failures. */
function checkPayQuery(signedQuery: string, options: VnpaySandboxOptions, now: Date): Checked {
  const params = new URLSearchParams(signedQuery);
  const q = singleValuedQuery(params);
  if (!q || !verifyQuery(params, options.secret)) return { ok: false, code: '97', message: 'Sai chữ ký (vnp_SecureHash không hợp lệ).' };
  if (q.vnp_TmnCode !== options.tmnCode) return { ok: false, code: '02', message: 'Mã website (vnp_TmnCode) không hợp lệ.' };
  const amountVnd = fromVnpAmount(q.vnp_Amount);
  const format =
    q.vnp_Version === VNPAY_VERSION && q.vnp_Command === 'pay' && q.vnp_CurrCode === 'VND' && amountVnd !== null && amountVnd > 0 &&
    !!q.vnp_TxnRef && !!q.vnp_OrderInfo && /^https?:\/\//.test(q.vnp_ReturnUrl ?? '') && !!q.vnp_IpAddr &&
    parseVnpDate(q.vnp_CreateDate) !== null && (q.vnp_ExpireDate === undefined || parseVnpDate(q.vnp_ExpireDate) !== null);
  if (!format) return { ok: false, code: '03', message: 'Dữ liệu gửi sang không đúng định dạng.' };
  const expires = parseVnpDate(q.vnp_ExpireDate);
  if (expires && expires.getTime() < now.getTime()) return { ok: false, code: '11', message: 'Đã hết hạn chờ thanh toán.' };
  return { ok: true, pay: { query: q, signedQuery, vnpAmount: Number(q.vnp_Amount), amountVnd: amountVnd! } };
}

function resultParams(tx: SandboxTransaction, paid: boolean): Record<string, string | undefined> {
  return {
    vnp_Amount: String(tx.vnpAmount),
    vnp_BankCode: tx.bankCode,
    vnp_BankTranNo: paid ? `VNP${tx.transactionNo}` : undefined,
    vnp_CardType: paid ? 'ATM' : undefined,
    vnp_OrderInfo: tx.orderInfo,
    vnp_PayDate: tx.payDate,
    vnp_ResponseCode: tx.responseCode,
    vnp_TmnCode: tx.tmnCode,
    vnp_TransactionNo: tx.transactionNo,
    vnp_TransactionStatus: tx.transactionStatus,
    vnp_TxnRef: tx.txnRef,
  };
}

function page(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** Fastify plugin: the pay page (GET/POST), IPN calls to the merchant, querydr and refund. */
export async function registerVnpaySandbox(app: FastifyInstance, options: VnpaySandboxOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const store = options.store ?? createSandboxStore();
  const ipn = createIpnDelivery({
    ipnUrl: options.ipnUrl,
    fetch: options.fetch ?? fetch,
    retryDelaysMs: options.ipnRetryDelaysMs ?? [2_000, 10_000, 30_000],
    timeoutMs: options.ipnTimeoutMs ?? 10_000,
    log: (m) => app.log.warn(m),
  });
  app.addHook('onClose', async () => ipn.stop());
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }
  const action = `${app.prefix}${SANDBOX_PAY_PATH}`;
  app.log.info(`VNPay sandbox: pay URL ${options.publicBase}${action}, API ${options.publicBase}${app.prefix}${VNPAY_API_PATH}`);

  app.get(SANDBOX_PAY_PATH, async (request, reply) => {
    const signedQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const checked = checkPayQuery(signedQuery, options, now());
    if (!checked.ok) return page(reply, 400, renderErrorPage(checked.code, checked.message));
    const { query: q, amountVnd } = checked.pay;
    if (store.find(options.tmnCode, q.vnp_TxnRef!)) return page(reply, 400, renderErrorPage('01', 'Giao dịch đã tồn tại.'));
    return page(reply, 200, renderPayPage({
      action, signedQuery, tmnCode: options.tmnCode, txnRef: q.vnp_TxnRef!, orderInfo: q.vnp_OrderInfo!, amountVnd,
      banks: SANDBOX_BANKS, ...(q.vnp_BankCode ? { fixedBank: q.vnp_BankCode } : {}),
    }));
  });

  app.post(SANDBOX_PAY_PATH, async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const decision = form.decision;
    if (typeof form.q !== 'string' || (decision !== 'pay' && decision !== 'cancel')) {
      return page(reply, 400, renderErrorPage('03', 'Dữ liệu gửi sang không đúng định dạng.'));
    }
    const checked = checkPayQuery(form.q, options, now());
    if (!checked.ok) return page(reply, 400, renderErrorPage(checked.code, checked.message));
    const q = checked.pay.query;
    const chosenBank = typeof form.bankCode === 'string' && SANDBOX_BANKS.some((b) => b.code === form.bankCode) ? form.bankCode : 'NCB';
    const paid = decision === 'pay';
    const tx: SandboxTransaction = {
      tmnCode: options.tmnCode,
      txnRef: q.vnp_TxnRef!,
      vnpAmount: checked.pay.vnpAmount,
      orderInfo: q.vnp_OrderInfo!,
      bankCode: q.vnp_BankCode ?? chosenBank,
      createDate: q.vnp_CreateDate!,
      payDate: formatVnpDate(now()),
      transactionNo: paid ? store.nextTransactionNo() : '0',
      responseCode: paid ? '00' : '24',
      transactionStatus: paid ? '00' : '02',
      refundedVnpAmount: 0,
      refunds: [],
      ipnAttempts: [],
    };
    // A reference is used once per terminal: a second pay of the same order is refused here.
    if (!store.insert(tx)) return page(reply, 400, renderErrorPage('01', 'Giao dịch đã tồn tại.'));
    const signed = toSignedQueryString(resultParams(tx, paid), options.secret);
    await ipn.deliver(tx, signed);
    const returnUrl = q.vnp_ReturnUrl!;
    return reply.header('cache-control', 'no-store').redirect(`${returnUrl}${returnUrl.includes('?') ? '&' : '?'}${signed}`, 303);
  });

  app.post(VNPAY_API_PATH, async (request, reply) => {
    return reply.code(200).header('cache-control', 'no-store').send(answerApiRequest(request.body, { tmnCode: options.tmnCode, secret: options.secret, store, now }));
  });
}
