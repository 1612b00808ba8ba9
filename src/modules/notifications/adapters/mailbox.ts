import type { NotificationTransport } from '../notification.port.ts';

/**
 * Development and test delivery: nothing leaves the machine. The message stays in
 * notification_message, which the /dev/mailbox page shows; marking it sent is all there is to do.
 */
export function createMailboxTransport(): NotificationTransport {
  return {
    name: 'mailbox',
    async send() {},
  };
}
