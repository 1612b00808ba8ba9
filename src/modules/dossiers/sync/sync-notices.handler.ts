/**
 * Status changes an agency system syncs onto dossiers filed on the portal (or at the desk) reach the applicant
 * like changes made in the back office: one `dossier.<event>` per change, with the payload every dossier event
 * has, which notifications turns into e-mail, SMS and inbox messages. Dossiers the agency system created itself
 * are left to that system, which has its own channel to its applicants. Derived event ids make a retry harmless.
 */
import type { DomainEvent, EventHandler } from '../../../platform/events/events.ts';
import { derivedEventId, publishEvent } from '../../../platform/events/events.ts';
import { eventPayload, findDossier, type Db } from '../core/dossier.repo.ts';
import type { DossierStatus } from '../core/dossier.types.ts';

/** The portal event a synced status stands for (statuses without a notice — processing, in transit — have none). */
const EVENT_OF_STATUS: Partial<Record<DossierStatus, string>> = {
  received: 'received',
  refused: 'refused',
  supplement_requested: 'supplement_requested',
  payment_requested: 'payment_requested',
  stopped: 'stopped',
  resolved: 'resolved',
  returned: 'returned',
  withdrawn: 'withdrawn',
};

interface SyncedChange {
  dossierId: string;
  seq: number;
  statusFrom: DossierStatus | null;
  status: DossierStatus;
  occurredAt: string;
}

export function createSyncNoticeHandler(db: Db): EventHandler {
  return async (event: DomainEvent) => {
    const changes = ((event.payload as { changes?: SyncedChange[] }).changes ?? []).filter((c) => EVENT_OF_STATUS[c.status]);
    for (const change of changes) {
      const dossier = await findDossier(db, change.dossierId);
      if (!dossier || dossier.origin === 'sync') continue;
      const type = EVENT_OF_STATUS[change.status]!;
      const payload = eventPayload(
        { ...dossier, status: change.status },
        { type, statusFrom: change.statusFrom, statusTo: change.status, actorKind: 'agency_system', actorId: null, actorName: null, occurredAt: new Date(change.occurredAt), data: { synced: true } },
        `${event.id}:${change.seq}`,
        change.seq,
      );
      await publishEvent(db, `dossier.${type}`, payload, { id: derivedEventId(`sync-notice:${event.id}:${change.dossierId}:${change.seq}`) });
    }
  };
}
