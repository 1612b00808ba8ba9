/** Options and shared shapes of the VNPay sandbox. */
import type { SandboxStore } from './vnpay-sandbox.store.ts';

export interface SandboxBank {
  readonly code: string;
  readonly name: string;
}

export const SANDBOX_BANKS: readonly SandboxBank[] = [
  { code: 'NCB', name: 'Ngân hàng Quốc Dân (NCB)' },
  { code: 'VCB', name: 'Vietcombank' },
  { code: 'BIDV', name: 'BIDV' },
  { code: 'VIETINBANK', name: 'VietinBank' },
  { code: 'VNPAYQR', name: 'Ví / ứng dụng quét mã VNPAY-QR' },
];

export interface VnpaySandboxOptions {
  /** The one terminal this sandbox knows (VNPAY_TMN_CODE). */
  tmnCode: string;
  /** Its hash secret (VNPAY_HASH_SECRET). */
  secret: string;
  /** The merchant's IPN URL, as a merchant registers it with VNPay. */
  ipnUrl: string;
  /** Public origin of the sandbox, e.g. http://localhost:3000 (for logs and links). */
  publicBase: string;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Waits before the 2nd, 3rd, … IPN call while the merchant has not answered 00 or 02. */
  ipnRetryDelaysMs?: readonly number[];
  ipnTimeoutMs?: number;
  /** Defaults to a fresh in-memory store; tests pass one to look inside. */
  store?: SandboxStore;
}
