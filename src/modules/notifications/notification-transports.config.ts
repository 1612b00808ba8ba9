import { ConfigError, type Env } from '../../config/env.ts';
import { createMailboxTransport } from './adapters/mailbox.ts';
import { createSmsGatewayTransport } from './adapters/sms-gateway.ts';
import { createSmtpTransport } from './adapters/smtp.ts';
import type { Transports } from './notification.port.ts';

export type NotificationsEnv = Pick<Env, 'NODE_ENV' | 'SMTP_URL' | 'MAIL_FROM' | 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_TOKEN'>;

/**
 * Chooses the adapter of each channel from the configuration. Outside production an unset
 * transport means the development mailbox. In production it is a configuration error that stops
 * the worker at start-up, naming the variable: a portal that silently cannot send verification
 * codes locks citizens out, and a message that is never going to be delivered should not be queued.
 * @throws ConfigError in production when SMTP_URL or SMS_GATEWAY_URL is unset
 */
export function selectTransports(env: NotificationsEnv): Transports {
  if (env.NODE_ENV === 'production') {
    const missing = [
      !env.SMTP_URL && '  SMTP_URL: required in production to send e-mail (smtp://user:pass@host:587)',
      !env.SMS_GATEWAY_URL && '  SMS_GATEWAY_URL: required in production to send SMS (the gateway’s HTTPS endpoint)',
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  }
  const mailbox = createMailboxTransport();
  return {
    email: env.SMTP_URL ? createSmtpTransport({ url: env.SMTP_URL, from: env.MAIL_FROM }) : mailbox,
    sms: env.SMS_GATEWAY_URL ? createSmsGatewayTransport({ url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN }) : mailbox,
  };
}
