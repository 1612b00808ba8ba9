import type { Task } from 'graphile-worker';
import type { Transports } from '../notification.port.ts';
import type { NotificationService } from '../notification.service.ts';

/**
 * The worker task that delivers one stored message. Throwing on a retryable failure hands the
 * backoff to graphile-worker (exponential, up to MAX_DELIVERY_ATTEMPTS); the message row holds
 * the attempts and the last error.
 */
export function createDeliverTask(service: NotificationService, transports: Transports): Task {
  return async (payload) => {
    const { id } = payload as { id: string };
    const result = await service.deliver(id, transports);
    if (result.outcome === 'retry') throw new Error(`notification ${id} not delivered yet: ${result.error}`);
  };
}
