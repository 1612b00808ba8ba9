import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVietQrPayload, crc16ccitt, parseVietQrPayload, type VietQrInput } from './vietqr.payload.ts';

const base: VietQrInput = {
  bin: '970415',
  accountNumber: '113366668888',
  amountVnd: 79000,
  paymentCode: 'DVC25A1B2C3',
  dynamic: true,
};

describe('crc16ccitt', () => {
  it('gives the CRC-16/CCITT-FALSE check values', () => {
    expect(crc16ccitt('123456789')).toBe(0x29b1);
    expect(crc16ccitt('')).toBe(0xffff);
    expect(crc16ccitt('A')).toBe(0xb915);
  });
});

describe('parseVietQrPayload with published samples', () => {
  // README of npm vietnam-qr-pay 1.5.0 (https://npmjs.com/package/vietnam-qr-pay), "VietQR Động".
  it('reads a dynamic sample with amount and content', () => {
    const r = parseVietQrPayload(
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6',
    );
    expect(r).toEqual({
      ok: true,
      payload: {
        dynamic: true,
        bin: '970416',
        accountNumber: '257678859',
        serviceCode: 'QRIBFTTA',
        amountVnd: 10000,
        currency: '704',
        country: 'VN',
        purpose: 'Chuyen tien',
        crc: '53E6',
      },
    });
  });

  // Same README, "VietQR Tĩnh": point of initiation 11, no amount.
  it('reads a static sample without amount', () => {
    const r = parseVietQrPayload('00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F');
    expect(r.ok && r.payload).toMatchObject({ dynamic: false, amountVnd: null, purpose: null, bin: '970416' });
  });

  // README of npm napas-qr (github.com/duyquoc1508/napas-qr): ID 62 also carries a bill number (01).
  it('reads a sample whose additional data has a bill number before the purpose', () => {
    const r = parseVietQrPayload(
      '00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13',
    );
    expect(r.ok && r.payload).toMatchObject({ accountNumber: '224528479', amountVnd: 10000, purpose: 'TRANSFER TO SOMEONE' });
  });

  it('accepts a lower-case CRC', () => {
    expect(parseVietQrPayload('00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304ae9f').ok).toBe(true);
  });
});

describe('buildVietQrPayload', () => {
  it('lays out the tags in NAPAS order with the CRC over everything up to "6304"', () => {
    const text = buildVietQrPayload(base);
    expect(text).toBe(
      '000201' +
        '010212' +
        '3856' + '0010A000000727' + '0126' + '0006970415' + '0112113366668888' + '0208QRIBFTTA' +
        '5303704' +
        '540579000' +
        '5802VN' +
        '6215' + '0811DVC25A1B2C3' +
        '6304' + crc16ccitt(text.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0'),
    );
  });

  it('round-trips any valid input', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[0-9A-Z]{1,19}$/),
        fc.integer({ min: 1, max: 500_000_000 }),
        fc.stringMatching(/^[A-Za-z0-9]{1,25}$/),
        fc.boolean(),
        (bin, accountNumber, amountVnd, paymentCode, dynamic) => {
          const r = parseVietQrPayload(buildVietQrPayload({ bin, accountNumber, amountVnd, paymentCode, dynamic }));
          expect(r.ok && r.payload).toMatchObject({ bin, accountNumber, amountVnd, purpose: paymentCode, dynamic });
        },
      ),
    );
  });

  it('builds a static code without amount', () => {
    const r = parseVietQrPayload(buildVietQrPayload({ ...base, amountVnd: null, dynamic: false }));
    expect(r.ok && r.payload).toMatchObject({ dynamic: false, amountVnd: null });
  });

  it('refuses Vietnamese text, spaces and punctuation in the payment code instead of transliterating', () => {
    for (const paymentCode of ['Lệ phí', 'DVC 123', 'DVC-123', 'ĐVC123', '', 'A'.repeat(26)]) {
      expect(() => buildVietQrPayload({ ...base, paymentCode })).toThrow('PAYMENT_VIETQR_INVALID_PAYMENT_CODE');
    }
  });

  it('refuses amounts that are not positive integers, and a dynamic code without amount', () => {
    for (const amountVnd of [0, -1, 1.5, 79000.01, Number.NaN, 1e14]) {
      expect(() => buildVietQrPayload({ ...base, amountVnd })).toThrow('PAYMENT_VIETQR_INVALID_AMOUNT');
    }
    expect(() => buildVietQrPayload({ ...base, amountVnd: null })).toThrow('PAYMENT_VIETQR_INVALID_AMOUNT');
  });

  it('refuses a bad BIN or account number', () => {
    expect(() => buildVietQrPayload({ ...base, bin: '97041' })).toThrow('PAYMENT_VIETQR_INVALID_BIN');
    expect(() => buildVietQrPayload({ ...base, accountNumber: '1133 6666' })).toThrow('PAYMENT_VIETQR_INVALID_ACCOUNT');
  });
});

describe('parseVietQrPayload rejects', () => {
  const good = buildVietQrPayload(base);

  it('a changed amount, account or content (CRC no longer matches)', () => {
    expect(parseVietQrPayload(good.replace('540579000', '540579999'))).toEqual({ ok: false, error: 'crc_mismatch' });
    expect(parseVietQrPayload(good.replace('113366668888', '113366668889'))).toEqual({ ok: false, error: 'crc_mismatch' });
    expect(parseVietQrPayload(good.replace('DVC25A1B2C3', 'DVC25A1B2C4'))).toEqual({ ok: false, error: 'crc_mismatch' });
  });

  it('any single-character change', () => {
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.constantFrom(...'0123456789ABCDEFQRVN'), (at, ch) => {
        fc.pre(good[at] !== ch && !(at >= good.length - 4 && good[at]?.toUpperCase() === ch));
        expect(parseVietQrPayload(good.slice(0, at) + ch + good.slice(at + 1)).ok).toBe(false);
      }),
    );
  });

  it('a missing CRC', () => {
    expect(parseVietQrPayload(good.slice(0, -8))).toEqual({ ok: false, error: 'crc_missing' });
  });

  it('a re-signed payload whose lengths do not add up', () => {
    const body = good.slice(0, -4).replace('5802VN', '5803VN');
    const forged = body + crc16ccitt(body).toString(16).toUpperCase().padStart(4, '0');
    expect(parseVietQrPayload(forged)).toEqual({ ok: false, error: 'malformed_tlv' });
  });

  it('a re-signed payload with a decimal amount or a foreign GUID', () => {
    const resign = (body: string) => body + crc16ccitt(body).toString(16).toUpperCase().padStart(4, '0');
    expect(parseVietQrPayload(resign(good.slice(0, -4).replace('540579000', '540779000.5')))).toEqual({
      ok: false,
      error: 'amount_not_integer',
    });
    expect(parseVietQrPayload(resign(good.slice(0, -4).replace('A000000727', 'A000000775')))).toEqual({
      ok: false,
      error: 'not_napas',
    });
  });
});
