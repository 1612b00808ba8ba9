import { DeliveryError, type NotificationTransport, type OutgoingMessage } from '../notification.port.ts';

export interface SmsGatewayOptions {
  /** The gateway's endpoint (SMS_GATEWAY_URL); it receives POST `{ to, text }` as JSON. */
  readonly url: string;
  /** Sent as `Authorization: Bearer …` (SMS_GATEWAY_TOKEN). */
  readonly token?: string | undefined;
  readonly timeoutMs?: number;
}

/**
 * SMS through an HTTP gateway. A 2xx reply means accepted. 408, 429 and 5xx are worth retrying;
 * any other 4xx means the gateway will refuse this message again (bad number, bad token).
 */
export function createSmsGatewayTransport(options: SmsGatewayOptions): NotificationTransport {
  const timeout = options.timeoutMs ?? 15_000;
  return {
    name: 'sms-gateway',
    async send(message: OutgoingMessage) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            // Lets a gateway that supports it drop a retry of an SMS it already took.
            'idempotency-key': message.id,
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to: message.recipient, text: message.text }),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (err) {
        throw new DeliveryError(`SMS gateway unreachable: ${(err as Error).message}`, false, { cause: err });
      }
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new DeliveryError(`SMS gateway answered ${response.status}${detail ? `: ${detail}` : ''}`, !retryable);
    },
  };
}
