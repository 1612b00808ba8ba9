/**
 * NAPAS VietQR payload: an EMVCo merchant-presented QR carrying a NAPAS 247 transfer to an account.
 *
 * Sources (facts only, no code taken):
 * - NAPAS, "Technical Specifications on NAPAS QR Switching, Part IV: QR code format", v1.5.2
 *   (Hanoi, January 2021): every data object is ID (2 digits) + length (2 digits, "01".."99") + value;
 *   the payload format indicator (ID 00) is the first object; ID 01 "11" static / "12" dynamic;
 *   merchant account information template ID 38 for NAPAS; ID 62 sub-IDs differ from root IDs.
 *   https://www.scribd.com/document/739763909 (English version of the VietQR/NAPAS247 format document)
 * - Layout of ID 38 (GUID "A000000727" in sub-ID 00; sub-ID 01 = beneficiary organisation holding
 *   00 = acquirer/bank BIN and 01 = consumer id (account number); sub-ID 02 = service code
 *   "QRIBFTTA" to account, "QRIBFTTC" to card), ID 53 "704", ID 58 "VN", ID 62 sub-ID 08 = purpose of
 *   transaction (up to 25 characters): table in the giautm/sgqr-go README (VietQR section), and the
 *   published samples in the READMEs of npm `vietnam-qr-pay` 1.5.0 and `napas-qr` (test vectors here).
 * - CRC (ID 63): CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over the whole string up to and including
 *   "6304", written as 4 hex digits (EMVCo merchant-presented QR specification, which NAPAS follows);
 *   the published samples above all check out with it.
 */
import { AppError } from '../../../../platform/errors/app-error.ts';

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
export const SERVICE_TRANSFER_TO_CARD = 'QRIBFTTC';

/** Longest payment code we put in the transfer content: ID 62/08 is "var. up to 25" in the NAPAS table. */
export const MAX_TRANSFER_CONTENT_LENGTH = 25;

export interface VietQrInput {
  /** 6-digit bank BIN (e.g. 970415 VietinBank). */
  readonly bin: string;
  readonly accountNumber: string;
  /** Integer VND; null only for a static code where the payer types the amount. */
  readonly amountVnd: number | null;
  /** Goes verbatim into the transfer content (ID 62/08); ASCII letters and digits only. */
  readonly paymentCode: string;
  readonly dynamic: boolean;
}

export interface VietQrPayload {
  readonly dynamic: boolean;
  readonly bin: string;
  readonly accountNumber: string;
  readonly serviceCode: string;
  readonly amountVnd: number | null;
  readonly currency: string;
  readonly country: string;
  /** ID 62/08, the transfer content the payer's bank pre-fills; null when absent. */
  readonly purpose: string | null;
  readonly crc: string;
}

export type VietQrParseError =
  | 'crc_missing'
  | 'crc_mismatch'
  | 'malformed_tlv'
  | 'bad_payload_format'
  | 'bad_point_of_initiation'
  | 'not_napas'
  | 'bad_beneficiary'
  | 'bad_service_code'
  | 'bad_currency'
  | 'bad_country'
  | 'amount_not_integer';

export type VietQrParseResult =
  | { readonly ok: true; readonly payload: VietQrPayload }
  | { readonly ok: false; readonly error: VietQrParseError };

/** CRC-16/CCITT-FALSE of the UTF-8 bytes of `text` (check value: "123456789" → 0x29B1). */
export function crc16ccitt(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

function crcHex(text: string): string {
  return crc16ccitt(text).toString(16).toUpperCase().padStart(4, '0');
}

function tlv(id: string, value: string): string {
  // Lengths are two digits, so no value may exceed 99 characters (NAPAS v1.5.2 §5.1).
  if (value.length < 1 || value.length > 99) throw new Error(`VietQR value for ID ${id} has length ${value.length}`);
  return id + String(value.length).padStart(2, '0') + value;
}

/**
 * Builds the VietQR string for a transfer to an account with the payment code as transfer content.
 * Throws PAYMENT_VIETQR_INVALID_BIN, _INVALID_ACCOUNT, _INVALID_AMOUNT, _INVALID_PAYMENT_CODE.
 */
export function buildVietQrPayload(input: VietQrInput): string {
  const { bin, accountNumber, amountVnd, paymentCode, dynamic } = input;
  if (!/^\d{6}$/.test(bin)) throw new AppError('PAYMENT_VIETQR_INVALID_BIN', bin);
  // Account numbers are digits and, for some banks (virtual accounts), upper-case letters.
  if (!/^[0-9A-Z]{1,19}$/.test(accountNumber)) throw new AppError('PAYMENT_VIETQR_INVALID_ACCOUNT');
  if (amountVnd === null) {
    if (dynamic) throw new AppError('PAYMENT_VIETQR_INVALID_AMOUNT', 'a dynamic code needs an amount');
  } else if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0 || String(amountVnd).length > 13) {
    // VND has no minor unit (DOMAIN §11.1); ID 54 is at most 13 characters.
    throw new AppError('PAYMENT_VIETQR_INVALID_AMOUNT', String(amountVnd));
  }
  // Refused rather than transliterated: bank apps strip or mangle anything outside ASCII letters and
  // digits, and the statement matcher must find exactly this code again.
  if (!new RegExp(`^[A-Za-z0-9]{1,${MAX_TRANSFER_CONTENT_LENGTH}}$`).test(paymentCode)) {
    throw new AppError('PAYMENT_VIETQR_INVALID_PAYMENT_CODE', paymentCode);
  }
  const beneficiary = tlv('00', bin) + tlv('01', accountNumber);
  const merchantAccount = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', SERVICE_TRANSFER_TO_ACCOUNT);
  const body =
    tlv('00', '01') +
    tlv('01', dynamic ? '12' : '11') +
    tlv('38', merchantAccount) +
    tlv('53', '704') +
    (amountVnd === null ? '' : tlv('54', String(amountVnd))) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', paymentCode)) +
    '6304';
  return body + crcHex(body);
}

type Tlv = ReadonlyMap<string, string>;

/** Splits one level of ID/length/value objects; null if the lengths do not add up or an ID repeats. */
function splitTlv(text: string): Tlv | null {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const lengthText = text.slice(i + 2, i + 4);
    if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lengthText)) return null;
    const length = Number(lengthText);
    const value = text.slice(i + 4, i + 4 + length);
    if (length === 0 || value.length !== length || out.has(id)) return null;
    out.set(id, value);
    i += 4 + length;
  }
  return out;
}

/** Parses and validates a VietQR string (TLV structure, CRC, NAPAS fields); errors are values. */
export function parseVietQrPayload(text: string): VietQrParseResult {
  const fail = (error: VietQrParseError): VietQrParseResult => ({ ok: false, error });
  const trimmed = text.trim();
  const crcAt = trimmed.length - 8;
  if (crcAt < 0 || trimmed.slice(crcAt, crcAt + 4) !== '6304') return fail('crc_missing');
  const crc = trimmed.slice(crcAt + 4).toUpperCase();
  if (!/^[0-9A-F]{4}$/.test(crc)) return fail('crc_missing');
  if (crcHex(trimmed.slice(0, crcAt + 4)) !== crc) return fail('crc_mismatch');

  const root = splitTlv(trimmed.slice(0, crcAt));
  if (!root) return fail('malformed_tlv');
  if (!trimmed.startsWith('000201')) return fail('bad_payload_format');
  const initiation = root.get('01');
  if (initiation !== '11' && initiation !== '12') return fail('bad_point_of_initiation');

  const merchant = splitTlv(root.get('38') ?? '');
  if (!merchant || merchant.get('00') !== NAPAS_GUID) return fail('not_napas');
  const beneficiary = splitTlv(merchant.get('01') ?? '');
  const bin = beneficiary?.get('00');
  const accountNumber = beneficiary?.get('01');
  if (!bin || !/^\d{6}$/.test(bin) || !accountNumber) return fail('bad_beneficiary');
  const serviceCode = merchant.get('02');
  if (serviceCode !== SERVICE_TRANSFER_TO_ACCOUNT && serviceCode !== SERVICE_TRANSFER_TO_CARD) {
    return fail('bad_service_code');
  }
  if (root.get('53') !== '704') return fail('bad_currency');
  if (root.get('58') !== 'VN') return fail('bad_country');

  const amountText = root.get('54');
  let amountVnd: number | null = null;
  if (amountText !== undefined) {
    if (!/^[1-9]\d{0,12}$/.test(amountText)) return fail('amount_not_integer');
    amountVnd = Number(amountText);
  }
  let purpose: string | null = null;
  const additional = root.get('62');
  if (additional !== undefined) {
    const fields = splitTlv(additional);
    if (!fields) return fail('malformed_tlv');
    purpose = fields.get('08') ?? null;
  }
  return {
    ok: true,
    payload: {
      dynamic: initiation === '12',
      bin,
      accountNumber,
      serviceCode,
      amountVnd,
      currency: '704',
      country: 'VN',
      purpose,
      crc,
    },
  };
}
