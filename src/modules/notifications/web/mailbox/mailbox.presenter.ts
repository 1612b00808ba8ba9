import type { Locale } from '../../../../platform/i18n/i18n.ts';
import { formatTime } from '../../notification-render.workflow.ts';
import type { NotificationMessage } from '../../notification.types.ts';

/** The longest recipient the filter accepts (RFC 5321's address limit). */
const MAX_RECIPIENT = 320;

/** `?to=` of the mailbox: trimmed, or undefined when absent or blank. */
export function parseRecipient(query: unknown): string | undefined {
  const to = (query as Record<string, unknown> | undefined)?.to;
  // An unencoded `+84…` arrives as ` 84…` (a + in a query string is a space): read it back as +.
  const value = typeof to === 'string' ? to.replace(/^ (?=\d)/, '+').trim().slice(0, MAX_RECIPIENT) : '';
  return value || undefined;
}

/** One message as the mailbox page shows it. */
export function presentMessageCard(m: NotificationMessage, locale: Locale) {
  return {
    id: m.id,
    channel: m.channel,
    subject: m.subject,
    recipient: m.recipient,
    locale: m.locale,
    status: m.status,
    attempts: m.attempts,
    transport: m.transport,
    lastError: m.lastError,
    createdAtIso: m.createdAt.toISOString(),
    createdAt: formatTime(m.createdAt, locale, true),
    paragraphs: m.text.split(/\n{2,}/),
  };
}

/** One message as /dev/mailbox.json gives it to tests and browser journeys. */
export function presentMessageJson(m: NotificationMessage) {
  return {
    id: m.id,
    eventId: m.eventId,
    eventType: m.eventType,
    channel: m.channel,
    to: m.recipient,
    locale: m.locale,
    subject: m.subject,
    body: m.text,
    html: m.html,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    transport: m.transport,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}
