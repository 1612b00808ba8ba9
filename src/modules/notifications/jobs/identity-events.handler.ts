import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DomainEvent, EventHandler, Subscriptions } from '../../../platform/events/events.ts';
import { renderPasswordChanged, renderVerificationCode } from '../notification-render.workflow.ts';
import type { NotificationService } from '../notification.service.ts';
import { passwordChangedSchema, verificationCodeIssuedSchema, type RenderedMessage } from '../notification.types.ts';

/** The identity events that produce a message, each with its payload's schema and its rendering. */
export function createIdentityEventHandlers(service: NotificationService, logger: Logger): Subscriptions {
  return {
    'identity.verification_code_issued': [createHandler(service, logger, verificationCodeIssuedSchema, renderVerificationCode)],
    'identity.password_changed': [createHandler(service, logger, passwordChangedSchema, renderPasswordChanged)],
  };
}

function createHandler<S extends z.ZodType>(
  service: NotificationService,
  logger: Logger,
  schema: S,
  render: (payload: z.infer<S>) => RenderedMessage,
): EventHandler {
  return async (event: DomainEvent) => {
    const parsed = schema.safeParse(event.payload);
    if (!parsed.success) {
      // Retrying cannot fix a malformed payload, and a throw would re-run the other subscribers:
      // log loudly (without the payload, which may hold a code) and move on.
      logger.error({ event: event.id, type: event.type, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'notification event payload is invalid');
      return;
    }
    await service.queue(event, render(parsed.data));
  };
}
