// The npm `vnpay` package (2.5.0) as an independent client: it must accept what we sign, and we
// must accept what it signs. Its querydr/refund calls go to a local node:http server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPaymentUrlSearchParams, calculateSecureHash, dateFormat, VNPay } from 'vnpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildQueryDrBody,
  buildRefundBody,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_RESPONSE_FIELDS,
  signPipe,
  VNPAY_API_PATH,
  verifyQueryDrResponse,
} from './vnpay-api.protocol.ts';
import { createVnpayApiClient } from './vnpay-api.client.ts';
import { buildPaymentUrl, formatVnpDate, parseIpn, verifyQuery } from './vnpay.protocol.ts';

const TMN = 'INTEROP1';
const SECRET = 'INTEROPSECRETKEY0123456789';
const created = new Date('2025-03-01T02:00:00Z');
const vnpDate = (d: Date) => Number(formatVnpDate(d));

let server: Server;
let base = '';
const received: Record<string, unknown>[] = [];
let answer: (body: Record<string, unknown>) => Record<string, unknown> = () => ({});

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ ...body, __path: req.url });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const pkg = () => new VNPay({ tmnCode: TMN, secureSecret: SECRET, vnpayHost: base, queryDrAndRefundHost: base, enableLog: false });

describe('our pay URL, checked by the vnpay package', () => {
  it('verifyReturnUrl accepts the parameters of our URL and rejects a tampered amount', () => {
    const url = buildPaymentUrl({
      payUrl: `${base}/paymentv2/vpcpay.html`, tmnCode: TMN, secret: SECRET, amountVnd: 123_000, txnRef: 'DOSSIER-42',
      orderInfo: 'Lệ phí hồ sơ: cấp bản sao / trích lục', returnUrl: 'https://portal.example/thanh-toan/vnpay/ket-qua?x=1',
      ipAddr: '2001:db8::1', createdAt: created, expiresAt: new Date(created.getTime() + 15 * 60_000), locale: 'en', bankCode: 'NCB',
    });
    const query = Object.fromEntries(new URL(url).searchParams);
    const checked = pkg().verifyReturnUrl(query as never);
    expect(checked.isVerified).toBe(true);
    expect(checked.vnp_Amount).toBe(123_000);
    expect(pkg().verifyReturnUrl({ ...query, vnp_Amount: '100' } as never).isVerified).toBe(false);
  });

  it('the package builds the same URL as we do for the same inputs', () => {
    const ours = buildPaymentUrl({
      payUrl: `${base}/paymentv2/vpcpay.html`, tmnCode: TMN, secret: SECRET, amountVnd: 50_000, txnRef: 'T-1',
      orderInfo: 'Le phi ho so', returnUrl: 'http://localhost:3000/return', ipAddr: '127.0.0.1', createdAt: created, locale: 'vn',
    });
    const theirs = pkg().buildPaymentUrl({
      vnp_Amount: 50_000, vnp_TxnRef: 'T-1', vnp_OrderInfo: 'Le phi ho so', vnp_ReturnUrl: 'http://localhost:3000/return',
      vnp_IpAddr: '127.0.0.1', vnp_CreateDate: vnpDate(created),
    } as never);
    expect(ours).toBe(theirs);
  });
});

describe('IPN queries signed by the vnpay package, read by parseIpn', () => {
  const result = {
    vnp_Amount: 5_000_000, vnp_BankCode: 'NCB', vnp_BankTranNo: 'VNP14999999', vnp_CardType: 'ATM', vnp_OrderInfo: 'Le phi ho so',
    vnp_PayDate: 20250301090512, vnp_ResponseCode: '00', vnp_TmnCode: TMN, vnp_TransactionNo: 14999999,
    vnp_TransactionStatus: '00', vnp_TxnRef: 'DOSSIER-43',
  };

  it('accepts an IPN signed with the package hashing helpers', () => {
    const search = buildPaymentUrlSearchParams(result);
    const hash = calculateSecureHash({ secureSecret: SECRET, data: search.toString(), hashAlgorithm: 'SHA512' as never, bufferEncode: 'utf-8' });
    search.append('vnp_SecureHashType', 'HmacSHA512');
    search.append('vnp_SecureHash', hash);
    const ipn = parseIpn(Object.fromEntries(search), SECRET);
    expect(ipn).toMatchObject({ ok: true, txnRef: 'DOSSIER-43', amountVnd: 50_000, transactionNo: '14999999', success: true });
    expect(ipn.ok && ipn.payDate?.toISOString()).toBe('2025-03-01T02:05:12.000Z');
  });

  it('accepts a query signed by the package buildPaymentUrl, and refuses it under another secret', () => {
    const url = pkg().buildPaymentUrl({
      vnp_Amount: 50_000, vnp_TxnRef: 'DOSSIER-44', vnp_OrderInfo: 'Le phi', vnp_ReturnUrl: 'http://localhost/r', vnp_IpAddr: '127.0.0.1',
      vnp_CreateDate: vnpDate(created), vnp_ResponseCode: '24', vnp_TransactionStatus: '02', vnp_TransactionNo: '0',
    } as never);
    const query = new URL(url).searchParams;
    const ipn = parseIpn(query, SECRET);
    expect(ipn).toMatchObject({ ok: true, txnRef: 'DOSSIER-44', amountVnd: 50_000, responseCode: '24', success: false });
    expect(verifyQuery(query, SECRET)).toBe(true);
    expect(parseIpn(query, `${SECRET}x`)).toEqual({ ok: false, rsp: '97' });
  });
});

describe('querydr and refund bodies, compared with what the vnpay package sends', () => {
  it('querydr: same signature as the package; our signed response passes the package check', async () => {
    answer = (b) => queryDrResponse(b, {});
    const input = { requestId: 'Q-1', txnRef: 'DOSSIER-43', transactionDate: created, createdAt: new Date('2025-03-01T03:00:00Z'), ipAddr: '127.0.0.1', orderInfo: 'Truy van' };
    const theirs = await pkg().queryDr({
      vnp_RequestId: input.requestId, vnp_TxnRef: input.txnRef, vnp_TransactionDate: vnpDate(input.transactionDate),
      vnp_CreateDate: vnpDate(input.createdAt), vnp_IpAddr: input.ipAddr, vnp_OrderInfo: input.orderInfo,
    } as never);
    expect(theirs.isVerified).toBe(true);
    const sent = received.at(-1)!;
    expect(sent.__path).toBe(VNPAY_API_PATH);
    const ours = buildQueryDrBody({ ...input, tmnCode: TMN }, SECRET);
    expect(ours.vnp_SecureHash).toBe(sent.vnp_SecureHash);
    for (const [k, v] of Object.entries(ours)) expect(String(sent[k]), k).toBe(v);

    const client = createVnpayApiClient({ apiUrl: `${base}${VNPAY_API_PATH}`, tmnCode: TMN, secret: SECRET, fetch });
    const result = await client.queryDr(input);
    expect(result).toMatchObject({ verified: true, responseCode: '00', amountVnd: 50_000, transactionStatus: '00', transactionNo: '14999999' });
    answer = (b) => ({ ...queryDrResponse(b, {}), vnp_Amount: '1' });
    const forged = await client.queryDr(input);
    expect(forged.verified).toBe(false);
  });

  it('refund: same signature as the package, with and without vnp_TransactionNo', async () => {
    answer = () => ({ vnp_ResponseCode: '00' });
    const input = {
      requestId: 'RF-1', txnRef: 'DOSSIER-43', amountVnd: 20_000, transactionType: '03' as const, transactionNo: '14999999',
      transactionDate: created, createdBy: 'ketoan01', createdAt: new Date('2025-03-02T03:00:00Z'), ipAddr: '127.0.0.1', orderInfo: 'Hoan tien mot phan',
    };
    const asPackage = (transactionNo?: number) => ({
      vnp_RequestId: input.requestId, vnp_TxnRef: input.txnRef, vnp_Amount: input.amountVnd, vnp_TransactionType: input.transactionType,
      vnp_TransactionDate: vnpDate(input.transactionDate), vnp_CreateBy: input.createdBy, vnp_CreateDate: vnpDate(input.createdAt),
      vnp_IpAddr: input.ipAddr, vnp_OrderInfo: input.orderInfo, ...(transactionNo ? { vnp_TransactionNo: transactionNo } : {}),
    });
    await pkg().refund(asPackage(14999999) as never);
    const sent = received.at(-1)!;
    const ours = buildRefundBody({ ...input, tmnCode: TMN }, SECRET);
    expect(ours.vnp_SecureHash).toBe(sent.vnp_SecureHash);
    for (const [k, v] of Object.entries(ours)) expect(String(sent[k]), k).toBe(v);

    await pkg().refund(asPackage() as never);
    const sentNoNo = received.at(-1)!;
    expect(buildRefundBody({ ...input, transactionNo: undefined, tmnCode: TMN }, SECRET).vnp_SecureHash).toBe(sentNoNo.vnp_SecureHash);
    expect(REFUND_RESPONSE_FIELDS).toHaveLength(13);
  });
});

/** A querydr answer as VNPay gives it, signed with our response order. */
function queryDrResponse(b: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {
    vnp_ResponseId: 'R1', vnp_Command: 'querydr', vnp_ResponseCode: '00', vnp_Message: 'QueryDR Success', vnp_TmnCode: TMN,
    vnp_TxnRef: b.vnp_TxnRef, vnp_Amount: '5000000', vnp_BankCode: 'NCB', vnp_PayDate: '20250301090512', vnp_TransactionNo: '14999999',
    vnp_TransactionType: '01', vnp_TransactionStatus: '00', vnp_OrderInfo: 'Le phi ho so', vnp_PromotionCode: '', vnp_PromotionAmount: '',
    ...overrides,
  };
  const signed = { ...r, vnp_SecureHash: signPipe(r, QUERYDR_RESPONSE_FIELDS, SECRET) };
  expect(verifyQueryDrResponse(signed, SECRET)).toBe(true);
  return signed;
}
