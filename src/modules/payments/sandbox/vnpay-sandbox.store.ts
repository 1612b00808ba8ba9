/**
 * The sandbox's memory: transactions keyed by terminal + `vnp_TxnRef`, and the request ids the
 * API has seen. Deliberately not a table: the sandbox is a stand-in for VNPay's own books, and
 * a restart forgetting them is fine for demonstrations and tests.
 */
export interface SandboxRefund {
  readonly requestId: string;
  readonly vnpAmount: number;
  readonly transactionType: '02' | '03';
  readonly transactionNo: string;
  readonly createdBy: string;
  readonly at: string;
}

export interface SandboxTransaction {
  readonly tmnCode: string;
  readonly txnRef: string;
  /** `vnp_Amount` as sent (VND × 100). */
  readonly vnpAmount: number;
  readonly orderInfo: string;
  readonly bankCode: string;
  /** The pay request's `vnp_CreateDate`; querydr and refund name the payment by it. */
  readonly createDate: string;
  readonly payDate: string;
  readonly transactionNo: string;
  readonly responseCode: string;
  transactionStatus: string;
  refundedVnpAmount: number;
  readonly refunds: SandboxRefund[];
  /** Replies the merchant's IPN URL gave, oldest first (a status or the error text). */
  readonly ipnAttempts: string[];
}

export interface SandboxStore {
  find(tmnCode: string, txnRef: string): SandboxTransaction | undefined;
  /** False when the terminal already has a transaction with this reference. */
  insert(tx: SandboxTransaction): boolean;
  /** VNPay's transaction numbers are 8 digits. */
  nextTransactionNo(): string;
  /** Records an API request id; false when the terminal has used it before. */
  claimRequestId(tmnCode: string, requestId: string): boolean;
  all(): readonly SandboxTransaction[];
}

export function createSandboxStore(firstTransactionNo = 14_000_001): SandboxStore {
  const transactions = new Map<string, SandboxTransaction>();
  const requestIds = new Set<string>();
  let counter = firstTransactionNo;
  const key = (tmn: string, ref: string) => `${tmn}\u0000${ref}`;
  return {
    find: (tmn, ref) => transactions.get(key(tmn, ref)),
    insert(tx) {
      const k = key(tx.tmnCode, tx.txnRef);
      if (transactions.has(k)) return false;
      transactions.set(k, tx);
      return true;
    },
    nextTransactionNo: () => String(counter++).padStart(8, '0'),
    claimRequestId(tmn, id) {
      const k = key(tmn, id);
      if (requestIds.has(k)) return false;
      requestIds.add(k);
      return true;
    },
    all: () => [...transactions.values()],
  };
}
