import { z } from 'zod';

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const CODE_PURPOSES = ['register', 'password_reset', 'contact_change', 'login'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

export type MessageLocale = 'vi' | 'en';

// Events in. The shapes are the identity module's contract; they are parsed here, never imported.
const locale = z.enum(['vi', 'en']).catch('vi');
const channel = z.enum(CHANNELS);

/** Payload of `identity.verification_code_issued`. */
export const verificationCodeIssuedSchema = z.object({
  channel,
  to: z.string().trim().min(1).max(320),
  code: z.string().regex(/^[0-9A-Za-z]{4,12}$/),
  purpose: z.enum(CODE_PURPOSES),
  locale,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type VerificationCodeIssued = z.infer<typeof verificationCodeIssuedSchema>;

/** Payload of `identity.password_changed`. */
export const passwordChangedSchema = z.object({
  channel,
  to: z.string().trim().min(1).max(320),
  locale,
});
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;

/** A message rendered for one recipient on one channel, before it is stored. */
export interface RenderedMessage {
  readonly channel: Channel;
  readonly recipient: string;
  readonly locale: MessageLocale;
  /** E-mail only. */
  readonly subject: string | null;
  /** Plain text: the e-mail's text part, or the SMS itself. */
  readonly text: string;
  /** E-mail only. */
  readonly html: string | null;
  /** When delivering stops making sense (a code's expiry). */
  readonly expiresAt: Date | null;
}

/** A stored message (a row of notification_message). */
export interface NotificationMessage {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly channel: Channel;
  readonly recipient: string;
  readonly locale: MessageLocale;
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly transport: string | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}
