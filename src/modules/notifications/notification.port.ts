import type { Channel, RenderedMessage } from './notification.types.ts';

/** What an adapter is handed: one stored message, ready to go out. */
export interface OutgoingMessage extends Omit<RenderedMessage, 'expiresAt'> {
  /** The stored message's id; adapters pass it on as an idempotency key (Message-ID, header). */
  readonly id: string;
}

/**
 * The port every delivery adapter implements (adapters/smtp.ts, adapters/sms-gateway.ts,
 * adapters/mailbox.ts). `send` resolves once the far side has accepted the message and throws
 * `DeliveryError` otherwise; it must not retry by itself (the worker job does, with backoff).
 */
export interface NotificationTransport {
  /** Recorded on the message: smtp, sms-gateway, mailbox. */
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
  close?(): Promise<void>;
}

export type Transports = Readonly<Record<Channel, NotificationTransport>>;

/** A failed delivery. `permanent` (a rejected address, a 4xx from the gateway) stops the retries. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
