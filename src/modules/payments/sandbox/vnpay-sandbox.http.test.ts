// Drives the VNPay sandbox as a merchant would: a listening Fastify app, a local IPN receiver,
// our own client and the independent `vnpay` package on the other side.
import Fastify, { type FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VNPay } from 'vnpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVnpayApiClient, type VnpayApiClient } from '../gateways/vnpay/vnpay-api.client.ts';
import { buildQueryDrBody, VNPAY_API_PATH } from '../gateways/vnpay/vnpay-api.protocol.ts';
import { buildPaymentUrl, formatVnpDate, parseIpn, verifyQuery, type PaymentUrlInput } from '../gateways/vnpay/vnpay.protocol.ts';
import { registerVnpaySandbox, SANDBOX_PAY_PATH } from './vnpay-sandbox.routes.ts';
import { createSandboxStore } from './vnpay-sandbox.store.ts';

const TMN = 'SANDBOX1';
const SECRET = 'SANDBOXSECRET0123456789ABCDEF';
const PREFIX = '/sandbox/vnpay';
const RETURN_URL = 'http://portal.test/thanh-toan/vnpay/ket-qua';
const clock = { now: new Date('2025-03-10T02:00:00Z') };

let app: FastifyInstance;
let receiver: Server;
let sandboxBase = '';
const store = createSandboxStore();
const ipnCalls: URLSearchParams[] = [];
/** How the merchant answers the next IPN calls (then 00). */
const ipnAnswers: string[] = [];
let client: VnpayApiClient;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    ipnCalls.push(q);
    const code = ipnAnswers.shift() ?? '00';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ RspCode: code, Message: 'x' }));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const ipnUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/payments/vnpay/ipn`;
  app = Fastify();
  await app.register(registerVnpaySandbox, {
    prefix: PREFIX, tmnCode: TMN, secret: SECRET, ipnUrl, publicBase: 'http://127.0.0.1', now: () => clock.now, store, ipnRetryDelaysMs: [20, 20],
  });
  sandboxBase = await app.listen({ port: 0, host: '127.0.0.1' });
  client = createVnpayApiClient({ apiUrl: `${sandboxBase}${PREFIX}${VNPAY_API_PATH}`, tmnCode: TMN, secret: SECRET, fetch });
});
afterAll(async () => {
  await app.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const pkg = () => new VNPay({ tmnCode: TMN, secureSecret: SECRET, vnpayHost: `${sandboxBase}${PREFIX}`, queryDrAndRefundHost: `${sandboxBase}${PREFIX}`, enableLog: false });
const created = () => new Date(clock.now.getTime() - 60_000);
const payInput = (txnRef: string, overrides: Partial<PaymentUrlInput> = {}): PaymentUrlInput => ({
  payUrl: `http://127.0.0.1${PREFIX}${SANDBOX_PAY_PATH}`, tmnCode: TMN, secret: SECRET, amountVnd: 50_000, txnRef,
  orderInfo: `Le phi ho so ${txnRef}`, returnUrl: RETURN_URL, ipAddr: '203.0.113.7', createdAt: created(), locale: 'vn', ...overrides,
});
const pathOf = (url: string) => url.slice(url.indexOf(PREFIX));
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function openPayPage(input: PaymentUrlInput) {
  const res = await app.inject({ method: 'GET', url: pathOf(buildPaymentUrl(input)) });
  const q = /name="q" value="([^"]*)"/.exec(res.body)?.[1];
  return { res, q: q === undefined ? undefined : unescape(q) };
}

async function decide(q: string, decision: 'pay' | 'cancel', bankCode = 'VCB') {
  return app.inject({
    method: 'POST', url: `${PREFIX}${SANDBOX_PAY_PATH}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ q, decision, bankCode }).toString(),
  });
}

async function pay(txnRef: string, decision: 'pay' | 'cancel' = 'pay') {
  const { q } = await openPayPage(payInput(txnRef));
  const res = await decide(q!, decision);
  expect(res.statusCode).toBe(303);
  return new URL(res.headers.location as string).searchParams;
}

describe('pay page', () => {
  it('shows an accessible Vietnamese page with two plain forms and no script or inline style', async () => {
    const { res, q } = await openPayPage(payInput('PAGE-1'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toMatch(/<title>Thanh toán – [^<]+<\/title>/);
    expect(res.body).toContain('<label for="bankCode">');
    expect(res.body).toContain('id="bankCode"');
    expect(res.body).toContain('>Thanh toán</button>');
    expect(res.body).toContain('>Hủy giao dịch</button>');
    expect(res.body).toContain('50.000 ₫');
    expect(res.body.match(/<form method="post"/g)).toHaveLength(2);
    expect(res.body).not.toMatch(/<script|style=|<style|\son[a-z]+=/i);
    expect(verifyQuery(new URLSearchParams(q), SECRET)).toBe(true);
  });

  it('refuses a tampered, foreign, malformed or expired pay URL with an error page', async () => {
    const tampered = new URL(buildPaymentUrl(payInput('BAD-1')));
    tampered.searchParams.set('vnp_Amount', '100');
    const r1 = await app.inject({ method: 'GET', url: pathOf(tampered.toString()) });
    expect(r1.statusCode).toBe(400);
    expect(r1.body).toContain('Sai chữ ký');
    expect(r1.body).toContain('<title>Lỗi: ');
    const r2 = await app.inject({ method: 'GET', url: pathOf(buildPaymentUrl(payInput('BAD-2', { secret: 'other' }))) });
    expect(r2.statusCode).toBe(400);
    const r3 = await app.inject({ method: 'GET', url: pathOf(buildPaymentUrl(payInput('BAD-3', { tmnCode: 'OTHER001' }))) });
    expect(r3.body).toContain('Mã lỗi: 02');
    const r4 = await app.inject({ method: 'GET', url: pathOf(buildPaymentUrl(payInput('BAD-4', { expiresAt: new Date(clock.now.getTime() - 1000) }))) });
    expect(r4.body).toContain('Mã lỗi: 11');
    const r5 = await decide(tampered.search.slice(1), 'pay');
    expect(r5.statusCode).toBe(400);
    expect(store.find(TMN, 'BAD-1')).toBeUndefined();
    expect(ipnCalls.some((c) => c.get('vnp_TxnRef')?.startsWith('BAD-'))).toBe(false);
  });
});

describe('pay and decline', () => {
  it('pay: the merchant gets an IPN the vnpay package accepts, the browser a signed return', async () => {
    const before = ipnCalls.length;
    const ret = await pay('DOSSIER-1');
    expect(ipnCalls.length).toBe(before + 1);
    const ipnQuery = Object.fromEntries(ipnCalls.at(-1)!);
    const checked = pkg().verifyIpnCall(ipnQuery as never);
    expect(checked).toMatchObject({ isVerified: true, isSuccess: true, vnp_Amount: 50_000, vnp_TxnRef: 'DOSSIER-1', vnp_BankCode: 'VCB' });
    expect(verifyQuery(ret, SECRET)).toBe(true);
    const parsed = parseIpn(ret, SECRET);
    expect(parsed).toMatchObject({ ok: true, success: true, amountVnd: 50_000, txnRef: 'DOSSIER-1', payDate: clock.now });
    expect(ret.get('vnp_TransactionNo')).toMatch(/^\d{8}$/);
    expect(ret.get('vnp_TransactionNo')).toBe(ipnQuery.vnp_TransactionNo);
  });

  it('decline: response code 24 to both the IPN and the return', async () => {
    const ret = await pay('DOSSIER-2', 'cancel');
    const ipnQuery = Object.fromEntries(ipnCalls.at(-1)!);
    expect(pkg().verifyIpnCall(ipnQuery as never)).toMatchObject({ isVerified: true, isSuccess: false, vnp_ResponseCode: '24' });
    expect(parseIpn(ret, SECRET)).toMatchObject({ ok: true, success: false, responseCode: '24', transactionStatus: '02', transactionNo: '0' });
  });

  it('refuses paying the same reference twice', async () => {
    const { q } = await openPayPage(payInput('DOSSIER-3'));
    expect((await decide(q!, 'pay')).statusCode).toBe(303);
    const again = await decide(q!, 'pay');
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Mã lỗi: 01');
    expect((await openPayPage(payInput('DOSSIER-3'))).res.statusCode).toBe(400);
  });

  it('calls the IPN again while the merchant answers neither 00 nor 02', async () => {
    ipnAnswers.push('99');
    await pay('DOSSIER-4');
    await expect.poll(() => store.find(TMN, 'DOSSIER-4')?.ipnAttempts.length, { timeout: 2000 }).toBe(2);
    expect(store.find(TMN, 'DOSSIER-4')?.ipnAttempts).toEqual(['HTTP 200 RspCode 99', 'HTTP 200 RspCode 00']);
    const calls = ipnCalls.filter((c) => c.get('vnp_TxnRef') === 'DOSSIER-4');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.toString()).toBe(calls[1]!.toString());
  });
});

describe('querydr and refund', () => {
  let n = 0;
  const common = (txnRef: string) => ({ requestId: `REQ${++n}`, txnRef, transactionDate: created(), createdAt: clock.now, ipAddr: '10.0.0.1' });

  it('querydr returns the paid transaction, 91 for an unknown one, 94 for a reused request id, 97 for a bad checksum', async () => {
    await pay('Q-1');
    const r = await client.queryDr({ ...common('Q-1'), orderInfo: 'Truy van Q-1' });
    expect(r).toMatchObject({ verified: true, responseCode: '00', txnRef: 'Q-1', amountVnd: 50_000, transactionStatus: '00', bankCode: 'VCB' });
    expect(r.transactionNo).toBe(store.find(TMN, 'Q-1')!.transactionNo);
    expect(await client.queryDr({ ...common('NOPE'), orderInfo: 'x' })).toMatchObject({ verified: true, responseCode: '91' });
    const again = { ...common('Q-1'), orderInfo: 'x' };
    await client.queryDr(again);
    expect(await client.queryDr(again)).toMatchObject({ verified: true, responseCode: '94' });
    const forged = { ...buildQueryDrBody({ ...common('Q-1'), tmnCode: TMN, orderInfo: 'x' }, SECRET), vnp_TxnRef: 'Q-2' };
    const res = await fetch(`${sandboxBase}${PREFIX}${VNPAY_API_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
    expect(((await res.json()) as Record<string, string>).vnp_ResponseCode).toBe('97');
  });

  it('querydr from the vnpay package is answered and its response verifies there', async () => {
    await pay('Q-3');
    const r = await pkg().queryDr({
      vnp_RequestId: `PKG${++n}`, vnp_TxnRef: 'Q-3', vnp_TransactionDate: Number(formatVnpDate(created())),
      vnp_CreateDate: Number(formatVnpDate(clock.now)), vnp_IpAddr: '10.0.0.1', vnp_OrderInfo: 'Truy van',
    } as never);
    expect(r).toMatchObject({ isVerified: true, isSuccess: true, vnp_TxnRef: 'Q-3', vnp_TransactionStatus: '00' });
  });

  it('refunds partially, refuses going over the amount or a full refund after a partial one, then refunds the rest', async () => {
    await pay('R-1');
    const tx = store.find(TMN, 'R-1')!;
    const refund = (amountVnd: number, transactionType: '02' | '03') =>
      client.refund({ ...common('R-1'), amountVnd, transactionType, transactionNo: tx.transactionNo, createdBy: 'ketoan01', orderInfo: 'Hoan tien' });
    expect(await refund(20_000, '03')).toMatchObject({ verified: true, responseCode: '00', amountVnd: 20_000, transactionType: '03' });
    expect(await refund(40_000, '03')).toMatchObject({ verified: true, responseCode: '95' });
    expect(await refund(50_000, '02')).toMatchObject({ verified: true, responseCode: '95' });
    expect(await refund(30_000, '03')).toMatchObject({ verified: true, responseCode: '00' });
    expect(await refund(1_000, '03')).toMatchObject({ responseCode: '95' });
    expect(tx.refunds.map((r) => r.vnpAmount)).toEqual([2_000_000, 3_000_000]);
    expect(await client.queryDr({ ...common('R-1'), orderInfo: 'x' })).toMatchObject({ responseCode: '00', transactionStatus: '06' });
  });

  it('refunds in full once; refuses refunding a declined or unknown payment', async () => {
    await pay('R-2');
    const full = () => client.refund({ ...common('R-2'), amountVnd: 50_000, transactionType: '02', createdBy: 'ketoan01', orderInfo: 'Hoan tien' });
    expect(await full()).toMatchObject({ verified: true, responseCode: '00' });
    expect(await full()).toMatchObject({ verified: true, responseCode: '95' });
    await pay('R-3', 'cancel');
    const declined = await client.refund({ ...common('R-3'), amountVnd: 50_000, transactionType: '02', createdBy: 'ketoan01', orderInfo: 'x' });
    expect(declined.responseCode).toBe('95');
    const unknown = await client.refund({ ...common('R-404'), amountVnd: 50_000, transactionType: '02', createdBy: 'ketoan01', orderInfo: 'x' });
    expect(unknown.responseCode).toBe('91');
  });

  it('accepts a refund request signed by the vnpay package', async () => {
    await pay('R-4');
    const r = await pkg().refund({
      vnp_RequestId: `PKG${++n}`, vnp_TxnRef: 'R-4', vnp_Amount: 10_000, vnp_TransactionType: '03', vnp_TransactionDate: Number(formatVnpDate(created())),
      vnp_CreateBy: 'ketoan01', vnp_CreateDate: Number(formatVnpDate(clock.now)), vnp_IpAddr: '10.0.0.1', vnp_OrderInfo: 'Hoan tien',
    } as never);
    // The package divides vnp_Amount by 100 before checking the response hash, so only the code is compared.
    expect(r.vnp_ResponseCode).toBe('00');
    expect(store.find(TMN, 'R-4')!.refundedVnpAmount).toBe(1_000_000);
  });
});
