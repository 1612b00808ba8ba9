import { describe, expect, it } from 'vitest';
import {
  buildPaymentUrl,
  canonicalQuery,
  formatVnpDate,
  fromVnpAmount,
  IPN_REPLIES,
  isFinalIpnReply,
  parseIpn,
  parseVnpDate,
  signQuery,
  toSignedQueryString,
  verifyQuery,
  type PaymentUrlInput,
} from './vnpay.protocol.ts';
import { describeResponseCode, describeTransactionStatus } from './vnpay.codes.ts';

// DOMAIN.md §11.2, produced with npm vnpay 2.5.0.
const KAT_STRING =
  'vnp_Amount=5000000&vnp_Command=pay&vnp_CreateDate=20250225103000&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Le+phi+ho+so+H56.14-250225-0001&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Freturn&vnp_TmnCode=TESTTMN1&vnp_TxnRef=H56.14-250225-0001&vnp_Version=2.1.0';
const KAT_HASH =
  '369184ccd0a3d773e336840801b2640aba0a9470ec7bdf1775bebcb9fc7d41746dc2eaf97474b5efe6eb5687f2e745a4146323902780dba9c9fa7bafa1126ecb';

const katInput: PaymentUrlInput = {
  payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
  tmnCode: 'TESTTMN1',
  secret: 'TESTSECRET',
  amountVnd: 50_000,
  txnRef: 'H56.14-250225-0001',
  orderInfo: 'Le phi ho so H56.14-250225-0001',
  returnUrl: 'http://localhost:3000/return',
  ipAddr: '127.0.0.1',
  createdAt: new Date('2025-02-25T03:30:00Z'), // 10:30 in GMT+7
  locale: 'vn',
};

const SECRET = 'S3CRET-for-tests';
function ipnParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    vnp_Amount: '5000000',
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: 'VNP14123456',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Le phi ho so',
    vnp_PayDate: '20250225103512',
    vnp_ResponseCode: '00',
    vnp_TmnCode: 'TESTTMN1',
    vnp_TransactionNo: '14123456',
    vnp_TransactionStatus: '00',
    vnp_TxnRef: 'H56.14-250225-0001',
    ...overrides,
  };
}
const signedIpn = (overrides: Record<string, string> = {}) => {
  const p = ipnParams(overrides);
  return { ...p, vnp_SecureHash: signQuery(p, SECRET) };
};

describe('VNPay signing (known answer)', () => {
  it('builds exactly the signed string and hash of DOMAIN.md §11.2', () => {
    const url = new URL(buildPaymentUrl(katInput));
    const [signedPart, hashPart] = url.search.slice(1).split('&vnp_SecureHash=');
    expect(signedPart).toBe(KAT_STRING);
    expect(hashPart).toBe(KAT_HASH);
    expect(url.origin + url.pathname).toBe(katInput.payUrl);
  });

  it('signQuery of the vector parameters gives the vector hash, whatever their order', () => {
    const params = Object.fromEntries(new URLSearchParams(KAT_STRING));
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    expect(signQuery(params, 'TESTSECRET')).toBe(KAT_HASH);
    expect(signQuery(reversed, 'TESTSECRET')).toBe(KAT_HASH);
    expect(signQuery({ ...params, vnp_BankCode: '', vnp_ExpireDate: undefined }, 'TESTSECRET')).toBe(KAT_HASH);
  });

  it('encodes like URLSearchParams: spaces as +, ":" and "/" escaped, UTF-8 percent-encoded', () => {
    expect(canonicalQuery({ b: 'x y', a: 'http://h/p', c: 'Lệ phí' })).toBe('a=http%3A%2F%2Fh%2Fp&b=x+y&c=L%E1%BB%87+ph%C3%AD');
  });
});

describe('VNPay dates and amounts', () => {
  it('formats and reads yyyyMMddHHmmss in GMT+7 across a day boundary', () => {
    const d = new Date('2025-12-31T20:15:09Z');
    expect(formatVnpDate(d)).toBe('20260101031509');
    expect(parseVnpDate('20260101031509')?.toISOString()).toBe(d.toISOString());
    expect(parseVnpDate('20250230120000')).toBeNull();
    expect(parseVnpDate('2025')).toBeNull();
    expect(parseVnpDate(undefined)).toBeNull();
  });

  it('scales amounts × 100 and refuses fractions of a đồng', () => {
    expect(new URL(buildPaymentUrl({ ...katInput, amountVnd: 1 })).searchParams.get('vnp_Amount')).toBe('100');
    expect(() => buildPaymentUrl({ ...katInput, amountVnd: 10.5 })).toThrow(RangeError);
    expect(() => buildPaymentUrl({ ...katInput, amountVnd: 0 })).toThrow(RangeError);
    expect(fromVnpAmount('5000050')).toBeNull();
    expect(fromVnpAmount('-100')).toBeNull();
    expect(fromVnpAmount('5000000')).toBe(50_000);
  });

  it('adds optional expiry and bank code only when given', () => {
    const plain = new URL(buildPaymentUrl(katInput)).searchParams;
    expect(plain.has('vnp_ExpireDate')).toBe(false);
    const url = buildPaymentUrl({ ...katInput, expiresAt: new Date('2025-02-25T03:45:00Z'), bankCode: 'NCB' });
    const q = new URL(url).searchParams;
    expect(q.get('vnp_ExpireDate')).toBe('20250225104500');
    expect(q.get('vnp_BankCode')).toBe('NCB');
    expect(verifyQuery(q, 'TESTSECRET')).toBe(true);
  });
});

describe('verifyQuery', () => {
  const good = new URL(buildPaymentUrl(katInput)).searchParams;

  it('accepts our own URL, with or without vnp_SecureHashType', () => {
    expect(verifyQuery(good, 'TESTSECRET')).toBe(true);
    const withType = new URLSearchParams(good);
    withType.append('vnp_SecureHashType', 'HmacSHA512');
    expect(verifyQuery(withType, 'TESTSECRET')).toBe(true);
    expect(verifyQuery(Object.fromEntries(good), 'TESTSECRET')).toBe(true);
  });

  it('accepts an upper-case hash and a reordered query', () => {
    const obj = Object.fromEntries(good);
    const reordered = Object.fromEntries(Object.entries(obj).reverse());
    expect(verifyQuery(reordered, 'TESTSECRET')).toBe(true);
    expect(verifyQuery({ ...obj, vnp_SecureHash: obj.vnp_SecureHash!.toUpperCase() }, 'TESTSECRET')).toBe(true);
  });

  it('refuses a tampered amount, an extra parameter, a duplicated one, a wrong secret, a missing hash', () => {
    const obj = Object.fromEntries(good);
    expect(verifyQuery({ ...obj, vnp_Amount: '500000' }, 'TESTSECRET')).toBe(false);
    expect(verifyQuery({ ...obj, vnp_BankCode: 'NCB' }, 'TESTSECRET')).toBe(false);
    expect(verifyQuery({ ...obj, extra: '1' }, 'TESTSECRET')).toBe(false);
    const dup = new URLSearchParams(good);
    dup.append('vnp_Amount', '100');
    expect(verifyQuery(dup, 'TESTSECRET')).toBe(false);
    expect(verifyQuery({ ...obj, vnp_Amount: ['5000000', '100'] }, 'TESTSECRET')).toBe(false);
    expect(verifyQuery(good, 'OTHERSECRET')).toBe(false);
    const { vnp_SecureHash: _h, ...unsigned } = obj;
    expect(verifyQuery(unsigned, 'TESTSECRET')).toBe(false);
    expect(verifyQuery({ ...obj, vnp_SecureHash: 'zz' + obj.vnp_SecureHash!.slice(2) }, 'TESTSECRET')).toBe(false);
    expect(verifyQuery({ ...obj, vnp_SecureHash: obj.vnp_SecureHash!.slice(2) }, 'TESTSECRET')).toBe(false);
  });

  it('round-trips toSignedQueryString', () => {
    const qs = toSignedQueryString(ipnParams(), SECRET);
    expect(verifyQuery(new URLSearchParams(qs), SECRET)).toBe(true);
  });
});

describe('parseIpn', () => {
  it('reads a successful IPN', () => {
    const r = parseIpn(signedIpn(), SECRET);
    expect(r).toEqual({
      ok: true,
      txnRef: 'H56.14-250225-0001',
      amountVnd: 50_000,
      responseCode: '00',
      transactionStatus: '00',
      transactionNo: '14123456',
      bankCode: 'NCB',
      payDate: new Date('2025-02-25T03:35:12Z'),
      tmnCode: 'TESTTMN1',
      success: true,
    });
  });

  it('reads a cancelled payment as not successful', () => {
    const r = parseIpn(signedIpn({ vnp_ResponseCode: '24', vnp_TransactionStatus: '02', vnp_TransactionNo: '0' }), SECRET);
    expect(r.ok && r.success).toBe(false);
    expect(r.ok && r.responseCode).toBe('24');
  });

  it('answers 97 to a bad signature and 99 to a signed but malformed query', () => {
    expect(parseIpn({ ...signedIpn(), vnp_Amount: '100' }, SECRET)).toEqual({ ok: false, rsp: '97' });
    expect(parseIpn(signedIpn(), 'wrong')).toEqual({ ok: false, rsp: '97' });
    expect(parseIpn(signedIpn({ vnp_Amount: '5000001' }), SECRET)).toEqual({ ok: false, rsp: '99' });
    expect(parseIpn(signedIpn({ vnp_TxnRef: '' }), SECRET)).toEqual({ ok: false, rsp: '99' });
  });

  it('has the documented reply constants and the finality rule', () => {
    expect(IPN_REPLIES['00']).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(IPN_REPLIES['97']).toEqual({ RspCode: '97', Message: 'Fail checksum' });
    expect(Object.keys(IPN_REPLIES).sort()).toEqual(['00', '01', '02', '03', '04', '97', '99']);
    expect([isFinalIpnReply(IPN_REPLIES['00']), isFinalIpnReply(IPN_REPLIES['02']), isFinalIpnReply(IPN_REPLIES['04'])]).toEqual([true, true, false]);
  });

  it('describes codes in Vietnamese and English', () => {
    expect(describeResponseCode('24').vi).toBe('Khách hàng hủy giao dịch');
    expect(describeTransactionStatus('06').en).toBe('Refund sent to the bank');
    expect(describeResponseCode('42').en).toBe('Unknown code');
  });
});
