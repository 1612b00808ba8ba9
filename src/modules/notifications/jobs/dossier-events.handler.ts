import type { Logger } from 'pino';
import type { DomainEvent, EventHandler, Subscriptions } from '../../../platform/events/events.ts';
import { renderNoticeMessages } from '../dossier-notice.workflow.ts';
import { DOSSIER_NOTICE_KINDS, dossierEventSchema, noticeOf, type NoticeAudience } from '../dossier-notice.types.ts';
import type { NotificationService } from '../notification.service.ts';
import type { MessageLocale } from '../notification.types.ts';

/** What notifications asks of the accounts (identity answers it, wired in app.ts). */
export interface AccountDirectory {
  /** The account's language, or null when there is no such account. */
  localeOf(accountId: string): Promise<MessageLocale | null>;
}

export interface DossierNoticeDeps {
  /** The portal's public address, without a trailing slash: links in e-mails and SMS. */
  publicUrl: string;
  accounts?: AccountDirectory;
}

/**
 * `dossier.<status change>` → an e-mail and an SMS to the dossier's contact (the authorised submitter,
 * else the owner: DOMAIN §2.2) in the contact's language (Vietnamese when unknown), and an in-app
 * message for the owner's and the submitter's accounts. Once per event: a retried job adds nothing.
 */
export function createDossierEventHandlers(service: NotificationService, logger: Logger, deps: DossierNoticeDeps): Subscriptions {
  const handle: EventHandler = async (event: DomainEvent) => {
    const parsed = dossierEventSchema.safeParse(event.payload);
    if (!parsed.success) {
      // Retrying cannot fix a malformed payload, and a throw would re-run the other subscribers.
      logger.error({ event: event.id, type: event.type, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'dossier event payload is invalid');
      return;
    }
    const payload = parsed.data;
    const notice = noticeOf({ ...payload, type: event.type.replace(/^dossier\./, '') });
    if (!notice) return;
    const contactAccount = payload.submitterAccountId ?? payload.ownerAccountId;
    const locale = (contactAccount && deps.accounts ? await deps.accounts.localeOf(contactAccount) : null) ?? 'vi';
    const audience: NoticeAudience = {
      name: payload.contact.name.normalize('NFC').trim(),
      email: payload.contact.email,
      phone: payload.contact.phone,
      locale,
      accountIds: [payload.ownerAccountId, payload.submitterAccountId].filter((id): id is string => id !== null),
    };
    const links = { dossier: `${deps.publicUrl}/ho-so/${payload.dossierId}`, lookup: `${deps.publicUrl}/tra-cuu-ho-so` };
    await service.queueAll(event, renderNoticeMessages(notice, audience, links), {
      accountIds: audience.accountIds,
      kind: event.type,
      params: { ...notice },
    });
  };
  return Object.fromEntries(DOSSIER_NOTICE_KINDS.map((kind) => [`dossier.${kind}`, [handle]]));
}
