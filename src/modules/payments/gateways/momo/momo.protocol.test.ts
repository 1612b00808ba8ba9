import crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  buildMomoCreateBody,
  checkMomoIpnAgainstOrder,
  createMomoPayment,
  describeMomoResult,
  momoIpnReplyStatus,
  verifyMomoIpn,
  type MomoCreateBody,
} from './momo.protocol.ts';

const credentials = { partnerCode: 'MOMOTEST01', accessKey: 'TESTACCESSKEY', secretKey: 'TESTSECRETKEY' };

/** Independent reference: the documented raw string typed out by hand, HMAC'd with node:crypto. */
function referenceHmac(raw: string): string {
  return crypto.createHmac('sha256', 'TESTSECRETKEY').update(Buffer.from(raw, 'utf8')).digest('hex');
}

const createInput = {
  requestId: 'REQ-20261122-0001',
  orderId: 'H56.14-261122-0001',
  amountVnd: 50000,
  orderInfo: 'Lệ phí hồ sơ H56.14-261122-0001',
  redirectUrl: 'http://localhost:3000/payments/momo/return',
  ipnUrl: 'http://localhost:3000/api/v1/payments/momo/ipn',
};

describe('buildMomoCreateBody', () => {
  it('signs the documented raw string (alphabetical keys, raw values, accessKey included)', () => {
    const body = buildMomoCreateBody(createInput, credentials);
    const raw =
      'accessKey=TESTACCESSKEY&amount=50000&extraData=&ipnUrl=http://localhost:3000/api/v1/payments/momo/ipn' +
      '&orderId=H56.14-261122-0001&orderInfo=Lệ phí hồ sơ H56.14-261122-0001&partnerCode=MOMOTEST01' +
      '&redirectUrl=http://localhost:3000/payments/momo/return&requestId=REQ-20261122-0001&requestType=captureWallet';
    expect(body.signature).toBe(referenceHmac(raw));
    expect(body.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(body).toMatchObject({ partnerCode: 'MOMOTEST01', amount: 50000, requestType: 'captureWallet', extraData: '', lang: 'vi' });
    expect(body).not.toHaveProperty('accessKey');
  });

  it('changes the signature when any signed field changes', () => {
    const sig = buildMomoCreateBody(createInput, credentials).signature;
    expect(buildMomoCreateBody({ ...createInput, amountVnd: 50001 }, credentials).signature).not.toBe(sig);
    expect(buildMomoCreateBody({ ...createInput, extraData: 'eyJ4IjoxfQ==' }, credentials).signature).not.toBe(sig);
    expect(buildMomoCreateBody(createInput, { ...credentials, accessKey: 'OTHER' }).signature).not.toBe(sig);
  });

  it('refuses non-integer and non-positive amounts', () => {
    for (const amountVnd of [0, -5, 1.5, Number.NaN]) {
      expect(() => buildMomoCreateBody({ ...createInput, amountVnd }, credentials)).toThrow('PAYMENT_MOMO_INVALID_AMOUNT');
    }
  });
});

function buildIpn(overrides: Record<string, unknown> = {}) {
  const body: Record<string, unknown> = {
    partnerCode: 'MOMOTEST01',
    orderId: 'H56.14-261122-0001',
    requestId: 'REQ-20261122-0001',
    amount: 50000,
    orderInfo: 'Lệ phí hồ sơ H56.14-261122-0001',
    orderType: 'momo_wallet',
    transId: 4088878653,
    resultCode: 0,
    message: 'Thành công.',
    payType: 'qr',
    responseTime: 1795315800000,
    extraData: '',
    ...overrides,
  };
  const raw =
    `accessKey=TESTACCESSKEY&amount=${body.amount}&extraData=${body.extraData}&message=${body.message}` +
    `&orderId=${body.orderId}&orderInfo=${body.orderInfo}&orderType=${body.orderType}&partnerCode=${body.partnerCode}` +
    `&payType=${body.payType}&requestId=${body.requestId}&responseTime=${body.responseTime}` +
    `&resultCode=${body.resultCode}&transId=${body.transId}`;
  return { ...body, signature: referenceHmac(raw) };
}

describe('verifyMomoIpn', () => {
  it('accepts an IPN signed over the documented keys', () => {
    const r = verifyMomoIpn(buildIpn(), credentials);
    expect(r).toEqual({
      ok: true,
      ipn: {
        partnerCode: 'MOMOTEST01',
        orderId: 'H56.14-261122-0001',
        requestId: 'REQ-20261122-0001',
        amountVnd: 50000,
        transId: '4088878653',
        resultCode: 0,
        message: 'Thành công.',
        payType: 'qr',
        responseTime: 1795315800000,
        extraData: '',
      },
    });
    expect(momoIpnReplyStatus(r)).toBe(204);
  });

  it('accepts an upper-case signature and a failed result (still acknowledged with 204)', () => {
    const ipn = buildIpn({ resultCode: 1006, message: 'Giao dịch bị từ chối bởi người dùng.' });
    const r = verifyMomoIpn({ ...ipn, signature: ipn.signature.toUpperCase() }, credentials);
    expect(r.ok && r.ipn.resultCode).toBe(1006);
    expect(momoIpnReplyStatus(r)).toBe(204);
  });

  it('rejects every tampered signed field with 400', () => {
    const good = buildIpn();
    const tampered: Record<string, unknown>[] = [
      { amount: 5000 },
      { orderId: 'H56.14-261122-0002' },
      { resultCode: 0, message: 'Thành công!' },
      { transId: 4088878654 },
      { payType: 'napas' },
      { extraData: 'x' },
      { responseTime: 1795315800001 },
      { requestId: 'REQ-other' },
      { orderType: 'other' },
      { orderInfo: 'x' },
    ];
    for (const change of tampered) {
      const r = verifyMomoIpn({ ...good, ...change }, credentials);
      expect(r, JSON.stringify(change)).toEqual({ ok: false, error: 'bad_signature' });
      expect(momoIpnReplyStatus(r)).toBe(400);
    }
    const failed = buildIpn({ resultCode: 1006 });
    expect(verifyMomoIpn({ ...failed, resultCode: 0 }, credentials)).toEqual({ ok: false, error: 'bad_signature' });
  });

  it('rejects a wrong secret, another partner and malformed bodies', () => {
    expect(verifyMomoIpn(buildIpn(), { ...credentials, secretKey: 'WRONG' })).toEqual({ ok: false, error: 'bad_signature' });
    expect(verifyMomoIpn(buildIpn({ partnerCode: 'OTHERPARTNER' }), credentials)).toEqual({ ok: false, error: 'wrong_partner' });
    expect(verifyMomoIpn({ ...buildIpn(), signature: undefined }, credentials)).toEqual({ ok: false, error: 'malformed' });
    expect(verifyMomoIpn('resultCode=0', credentials)).toEqual({ ok: false, error: 'malformed' });
    expect(verifyMomoIpn({ ...buildIpn(), signature: 'abc' }, credentials)).toEqual({ ok: false, error: 'bad_signature' });
  });

  it('cross-checks order and amount', () => {
    const r = verifyMomoIpn(buildIpn(), credentials);
    if (!r.ok) throw new Error('expected a verified IPN');
    expect(checkMomoIpnAgainstOrder(r.ipn, { orderId: 'H56.14-261122-0001', amountVnd: 50000 })).toBe('ok');
    expect(checkMomoIpnAgainstOrder(r.ipn, { orderId: 'H56.14-261122-0001', amountVnd: 60000 })).toBe('amount_mismatch');
    expect(checkMomoIpnAgainstOrder(r.ipn, { orderId: 'X', amountVnd: 50000 })).toBe('order_mismatch');
  });
});

describe('describeMomoResult', () => {
  it('classifies the documented codes, in Vietnamese and English', () => {
    expect(describeMomoResult(0).outcome).toBe('success');
    expect(describeMomoResult(9000).outcome).toBe('authorised');
    for (const code of [7000, 7002, 1000]) expect(describeMomoResult(code).outcome).toBe('pending');
    expect(describeMomoResult(40)).toMatchObject({ outcome: 'duplicate_request', en: 'Duplicated requestId.' });
    expect(describeMomoResult(1006)).toEqual({
      outcome: 'failure',
      vi: 'Giao dịch không thành công (mã 1006).',
      en: 'Transaction failed (code 1006).',
    });
    expect(describeMomoResult(0).vi).toBe('Thanh toán thành công.');
  });
});

describe('createMomoPayment', () => {
  const body: MomoCreateBody = buildMomoCreateBody(createInput, credentials);
  const reply = (status: number, json: unknown) =>
    vi.fn<typeof fetch>(async () => new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } }));

  it('POSTs the signed body as JSON to the create path and returns the pay URL', async () => {
    const fetch = reply(200, {
      partnerCode: 'MOMOTEST01',
      orderId: body.orderId,
      requestId: body.requestId,
      amount: 50000,
      responseTime: 1795315800000,
      message: 'Thành công.',
      resultCode: 0,
      payUrl: 'https://test-payment.momo.vn/v2/gateway/pay?t=abc',
      deeplink: 'momo://app?action=payWithApp',
    });
    const r = await createMomoPayment({ fetch, endpoint: 'https://test-payment.momo.vn/', body });
    expect(r).toEqual({
      kind: 'created',
      payUrl: 'https://test-payment.momo.vn/v2/gateway/pay?t=abc',
      deeplink: 'momo://app?action=payWithApp',
      qrCodeUrl: null,
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://test-payment.momo.vn/v2/gateway/api/create');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual(body);
  });

  it('returns MoMo refusals and transport problems as values', async () => {
    const dup = await createMomoPayment({ fetch: reply(200, { resultCode: 40, message: 'Duplicated requestId' }), endpoint: 'https://x', body });
    expect(dup).toMatchObject({ kind: 'rejected', resultCode: 40, meaning: { outcome: 'duplicate_request' } });
    const down = vi.fn<typeof fetch>(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await createMomoPayment({ fetch: down, endpoint: 'https://x', body })).toEqual({ kind: 'transport_error', detail: 'fetch failed' });
    const html = vi.fn<typeof fetch>(async () => new Response('<html>502</html>', { status: 502 }));
    expect(await createMomoPayment({ fetch: html, endpoint: 'https://x', body })).toMatchObject({ kind: 'transport_error' });
  });

  it('never hands out a pay URL for another order or amount', async () => {
    const fetch = reply(200, { orderId: 'OTHER', amount: 50000, resultCode: 0, message: '', payUrl: 'https://evil' });
    expect(await createMomoPayment({ fetch, endpoint: 'https://x', body })).toMatchObject({ kind: 'transport_error' });
    const fetch2 = reply(200, { orderId: body.orderId, amount: 1000, resultCode: 0, message: '', payUrl: 'https://evil' });
    expect(await createMomoPayment({ fetch: fetch2, endpoint: 'https://x', body })).toMatchObject({ kind: 'transport_error' });
  });
});
