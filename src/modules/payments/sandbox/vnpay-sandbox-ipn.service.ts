/**
 * Calls the merchant's IPN URL the way VNPay does: a server-to-server GET carrying the signed
 * result, repeated while the merchant answers anything but RspCode 00 or 02. The first call is
 * awaited, so in a demonstration the merchant knows the result before the browser comes back;
 * later ones run on timers that end with the server.
 */
import { isFinalIpnReply } from '../gateways/vnpay/vnpay.protocol.ts';
import type { SandboxTransaction } from './vnpay-sandbox.store.ts';

export interface IpnDelivery {
  /** Calls once now and schedules the retries; resolves after the first call. */
  deliver(tx: SandboxTransaction, signedQuery: string): Promise<void>;
  /** Cancels pending retries. */
  stop(): void;
}

export function createIpnDelivery(options: {
  ipnUrl: string;
  fetch: typeof fetch;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  log?: (message: string) => void;
}): IpnDelivery {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const url = (query: string) => `${options.ipnUrl}${options.ipnUrl.includes('?') ? '&' : '?'}${query}`;

  async function attempt(tx: SandboxTransaction, query: string): Promise<boolean> {
    try {
      const response = await options.fetch(url(query), { method: 'GET', signal: AbortSignal.timeout(options.timeoutMs) });
      const reply: unknown = await response.json().catch(() => null);
      const code = (reply as { RspCode?: unknown } | null)?.RspCode;
      tx.ipnAttempts.push(`HTTP ${response.status} RspCode ${typeof code === 'string' ? code : '-'}`);
      return response.ok && isFinalIpnReply(reply);
    } catch (err) {
      tx.ipnAttempts.push(`error ${(err as Error).message}`);
      return false;
    }
  }

  function schedule(tx: SandboxTransaction, query: string, retry: number): void {
    const delay = options.retryDelaysMs[retry];
    if (stopped || delay === undefined) {
      if (delay === undefined) options.log?.(`VNPay sandbox: IPN for ${tx.txnRef} not confirmed after ${tx.ipnAttempts.length} calls`);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(tx, query).then((done) => {
        if (!done) schedule(tx, query, retry + 1);
      });
    }, delay);
    timer.unref();
    timers.add(timer);
  }

  return {
    async deliver(tx, query) {
      if (!(await attempt(tx, query))) schedule(tx, query, 0);
    },
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
