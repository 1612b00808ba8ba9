import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptions } from '../../../app.ts';
import { createEventDispatcher } from '../../../platform/events/events.ts';
import pino from 'pino';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { citizen, readyDraft, twoAgencies } from '../../../../test/support/dossier-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const eventsOf = (dossierId: string) =>
  t.database.db.selectFrom('platform_event').select(['id', 'type']).where(sql`payload->>'dossierId'`, '=', dossierId).orderBy('occurred_at').execute();

describe('synced status changes reach the applicant', () => {
  it('a portal dossier moved by the agency system gets one notice event per change, also when the job runs twice', async () => {
    const [agency] = await twoAgencies(t.app);
    const person = await citizen(t.app);
    const draft = await readyDraft(t.app, person, agency);
    const dossier = await t.app.modules.dossiers.drafts.submit(person.actor, draft.id);
    const outcome = await t.app.modules.dossiers.sync.ingest.ingest({ clientId: 'mc-notice', name: 'Một cửa tỉnh', agencyCodes: [agency] }, [
      { eventId: 'n-1', kind: 'dossier.status_changed', code: dossier.code, status: 2, occurredAt: new Date(Date.now() + 1000).toISOString(), sequence: 1 },
      { eventId: 'n-2', kind: 'dossier.status_changed', code: dossier.code, status: 4, occurredAt: new Date(Date.now() + 2000).toISOString(), sequence: 2 },
      { eventId: 'n-3', kind: 'dossier.status_changed', code: dossier.code, status: 5, occurredAt: new Date(Date.now() + 3000).toISOString(), sequence: 3 },
    ]);
    expect(outcome.accepted).toBe(3);
    const applied = await t.database.db.selectFrom('platform_event').select('id').where('type', '=', 'dossier.sync_applied').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    const dispatch = createEventDispatcher(t.database.db, createSubscriptions(t.app.modules), pino({ level: 'silent' }));
    await dispatch({ id: applied.id });
    await dispatch({ id: applied.id });
    const types = (await eventsOf(dossier.id)).map((e) => e.type);
    // submitted (native) + received and supplement_requested (synced); processing has no notice of its own.
    expect(types).toEqual(['dossier.submitted', 'dossier.received', 'dossier.supplement_requested']);
  });
});
