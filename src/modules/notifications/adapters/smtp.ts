import nodemailer, { type NodemailerError } from 'nodemailer';
import { DeliveryError, type NotificationTransport, type OutgoingMessage } from '../notification.port.ts';

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://… (SMTP_URL). */
  readonly url: string;
  /** The From header (MAIL_FROM), e.g. `Cổng Dịch vụ công <no-reply@example.vn>`. */
  readonly from: string;
  readonly timeoutMs?: number;
}

/** E-mail through any SMTP relay, with nodemailer. */
export function createSmtpTransport(options: SmtpOptions): NotificationTransport {
  const timeout = options.timeoutMs ?? 15_000;
  const mailer = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2 });
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'opendvc.local';
  return {
    name: 'smtp',
    async send(message: OutgoingMessage) {
      try {
        await mailer.sendMail({
          from: options.from,
          to: message.recipient,
          subject: message.subject ?? '',
          text: message.text,
          html: message.html ?? undefined,
          // One Message-ID per stored message: if a retry follows a send whose reply was lost,
          // the receiving side can recognise the duplicate.
          messageId: `<${message.id}@${domain}>`,
          headers: { 'Content-Language': message.locale, 'Auto-Submitted': 'auto-generated' },
        });
      } catch (err) {
        const e = err as NodemailerError;
        const reply = e.responseCode ? ` (${e.responseCode}${e.command ? ` on ${e.command}` : ''})` : '';
        throw new DeliveryError(`SMTP: ${e.message}${reply}`, e.permanent === true, { cause: err });
      }
    },
    async close() {
      mailer.close();
    },
  };
}
