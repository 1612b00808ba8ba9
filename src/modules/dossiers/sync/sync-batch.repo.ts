/**
 * SQL of a sync batch. Set-based on purpose (one statement per table, arrays through unnest): a
 * batch of a thousand status events costs a handful of round trips, not thousands.
 */
import { sql, type Kysely } from 'kysely';
import { publishEvent } from '../../../platform/events/events.ts';
import { allocateDossierCode, type Db as DossierDb } from '../core/dossier.repo.ts';
import type { DossierStatus } from '../core/dossier.types.ts';
import type { DossierState, NewDossier, SyncRecord, TimelineEvent } from './sync-batch.workflow.ts';
import type { SyncTables } from './sync.tables.ts';

export type SyncDb = Kysely<SyncTables>;
/** The core's repo functions take the core's narrower view of the same database. */
export const asDossierDb = (db: SyncDb): DossierDb => db as unknown as DossierDb;

interface StateRow {
  id: string;
  code: string | null;
  external_id: string | null;
  sync_client_id: string | null;
  agency_code: string;
  status: string;
  seq: number;
  last_sync_at: Date | null;
  last_sync_sequence: number | string | null;
  received_at: Date | null;
  resolved_at: Date | null;
  finished_at: Date | null;
  paused_at: Date | null;
  resume_status: string | null;
  due_at: Date | null;
  holder_account_id: string | null;
  result: { text: string; fileIds: string[] } | null;
}

const toState = (r: StateRow): DossierState => ({
  id: r.id,
  code: r.code,
  externalId: r.external_id,
  syncClientId: r.sync_client_id,
  agencyCode: r.agency_code,
  status: r.status as DossierStatus,
  seq: r.seq,
  lastSyncAt: r.last_sync_at,
  lastSyncSequence: r.last_sync_sequence === null ? null : Number(r.last_sync_sequence),
  receivedAt: r.received_at,
  resolvedAt: r.resolved_at,
  finishedAt: r.finished_at,
  pausedAt: r.paused_at,
  resumeStatus: r.resume_status as DossierStatus | null,
  dueAt: r.due_at,
  holderAccountId: r.holder_account_id,
  result: r.result,
});

/**
 * Locks (FOR UPDATE, in id order so concurrent batches never deadlock on each other) the dossiers
 * the batch names: by code among all dossiers, by external id among this client's own.
 */
export async function lockDossiers(tx: SyncDb, clientId: string, codes: readonly string[], externalIds: readonly string[]): Promise<DossierState[]> {
  if (codes.length === 0 && externalIds.length === 0) return [];
  const { rows } = await sql<StateRow>`
    SELECT id, code, external_id, sync_client_id, agency_code, status, seq, last_sync_at, last_sync_sequence, received_at,
           resolved_at, finished_at, paused_at, resume_status, due_at, holder_account_id, result
    FROM dossier
    WHERE code = ANY(${[...codes]}::text[])
       OR (sync_client_id = ${clientId} AND external_id = ANY(${[...externalIds]}::text[]))
    ORDER BY id
    FOR UPDATE`.execute(tx);
  return rows.map(toState);
}

/** Which of these event ids this client sent before. */
export async function findSeenEventIds(db: SyncDb, clientId: string, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const { rows } = await sql<{ event_id: string }>`
    SELECT event_id FROM dossier_sync_event WHERE client_id = ${clientId} AND event_id = ANY(${[...eventIds]}::text[])`.execute(db);
  return new Set(rows.map((r) => r.event_id));
}

/** Records the applied and stale events; returns how many were new (fewer = a concurrent batch sent the same ids). */
export async function insertSyncRecords(tx: SyncDb, clientId: string, records: readonly SyncRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`
    WITH inserted AS (
      INSERT INTO dossier_sync_event (client_id, event_id, kind, dossier_id, outcome, status_code, occurred_at, sequence, payload)
      SELECT ${clientId}, e.event_id, e.kind, e.dossier_id, e.outcome, e.status_code, e.occurred_at, e.sequence, e.payload::jsonb
      FROM unnest(${records.map((r) => r.eventId)}::text[], ${records.map((r) => r.kind)}::text[], ${records.map((r) => r.dossierId)}::uuid[],
                  ${records.map((r) => r.outcome)}::text[], ${records.map((r) => r.statusCode)}::smallint[], ${records.map((r) => r.occurredAt.toISOString())}::timestamptz[],
                  ${records.map((r) => r.sequence)}::bigint[], ${records.map((r) => JSON.stringify(r.payload))}::text[])
        AS e(event_id, kind, dossier_id, outcome, status_code, occurred_at, sequence, payload)
      ON CONFLICT (client_id, event_id) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM inserted`.execute(tx);
  return rows[0]?.n ?? 0;
}

/** Inserts the created dossiers (codes allocated for those the agency sent none) in their final state. */
export async function insertDossiers(tx: SyncDb, clientId: string, created: readonly NewDossier[], now: Date): Promise<void> {
  for (const c of created) if (!c.state.code) c.state.code = await allocateDossierCode(asDossierDb(tx), c.state.agencyCode, c.event.receivedAt);
  if (created.length === 0) return;
  await tx
    .insertInto('dossier')
    .values(
      created.map(({ state: s, event, procedure, channel, applicant, submittedAt, duration, originalDueAt }) => ({
        id: s.id,
        code: s.code,
        procedure_code: procedure.procedureCode,
        procedure_name: procedure.procedureName,
        catalog_version: procedure.catalogVersion,
        service_config_id: procedure.serviceConfigId,
        agency_code: s.agencyCode,
        status: s.status,
        channel,
        origin: 'sync',
        applicant: JSON.stringify(applicant),
        applicant_id_number: applicant.idNumber ?? null,
        answers: '{}',
        summary: event.summary ?? null,
        duration: duration ? JSON.stringify(duration) : null,
        submitted_at: submittedAt,
        received_at: s.receivedAt,
        due_at: s.dueAt,
        original_due_at: originalDueAt,
        paused_at: s.pausedAt,
        resume_status: s.resumeStatus,
        resolved_at: s.resolvedAt,
        finished_at: s.finishedAt,
        result: s.result ? JSON.stringify(s.result) : null,
        external_id: s.externalId,
        sync_client_id: clientId,
        last_sync_at: s.lastSyncAt,
        last_sync_sequence: s.lastSyncSequence,
        seq: s.seq,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Writes the final state of every existing dossier the batch changed, in one UPDATE … FROM unnest. */
export async function updateDossiers(tx: SyncDb, states: readonly DossierState[], now: Date): Promise<void> {
  if (states.length === 0) return;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await sql`
    UPDATE dossier AS d SET
      status = v.status, seq = v.seq, last_sync_at = v.last_sync_at, last_sync_sequence = v.last_sync_sequence,
      received_at = v.received_at, resolved_at = v.resolved_at, finished_at = v.finished_at, paused_at = v.paused_at,
      resume_status = v.resume_status, due_at = v.due_at, holder_account_id = v.holder_account_id, result = v.result::jsonb,
      updated_at = ${now.toISOString()}::timestamptz
    FROM unnest(${states.map((s) => s.id)}::uuid[], ${states.map((s) => s.status)}::text[], ${states.map((s) => s.seq)}::int[],
                ${states.map((s) => iso(s.lastSyncAt))}::timestamptz[], ${states.map((s) => s.lastSyncSequence)}::bigint[],
                ${states.map((s) => iso(s.receivedAt))}::timestamptz[], ${states.map((s) => iso(s.resolvedAt))}::timestamptz[],
                ${states.map((s) => iso(s.finishedAt))}::timestamptz[], ${states.map((s) => iso(s.pausedAt))}::timestamptz[],
                ${states.map((s) => s.resumeStatus)}::text[], ${states.map((s) => iso(s.dueAt))}::timestamptz[],
                ${states.map((s) => s.holderAccountId)}::uuid[], ${states.map((s) => (s.result ? JSON.stringify(s.result) : null))}::text[])
      AS v(id, status, seq, last_sync_at, last_sync_sequence, received_at, resolved_at, finished_at, paused_at, resume_status, due_at, holder_account_id, result)
    WHERE d.id = v.id`.execute(tx);
}

/** Appends the timeline rows (type `synced`, actor the agency system), keyed by the client's event id. */
export async function insertTimelineEvents(tx: SyncDb, actor: { clientId: string; name: string }, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`
    INSERT INTO dossier_event (dossier_id, seq, type, status_from, status_to, actor_kind, actor_id, actor_name, idempotency_key, data, occurred_at)
    SELECT e.dossier_id, e.seq, 'synced', e.status_from, e.status_to, 'agency_system', ${actor.clientId}, ${actor.name}, e.key, e.data::jsonb, e.occurred_at
    FROM unnest(${events.map((e) => e.dossierId)}::uuid[], ${events.map((e) => e.seq)}::int[], ${events.map((e) => e.statusFrom)}::text[],
                ${events.map((e) => e.statusTo)}::text[], ${events.map((e) => `sync:${e.eventId}`)}::text[], ${events.map((e) => JSON.stringify(e.data))}::text[],
                ${events.map((e) => e.occurredAt.toISOString())}::timestamptz[])
      AS e(dossier_id, seq, status_from, status_to, key, data, occurred_at)`.execute(tx);
}

/**
 * One `dossier.sync_applied` event per batch (not one per item: at tens of thousands of status
 * events a second, one job per item would swamp the worker); subscribers fan out from `changes`.
 */
export async function publishBatchApplied(tx: SyncDb, clientId: string, events: readonly TimelineEvent[], codes: ReadonlyMap<string, string | null>): Promise<void> {
  const changes = events.filter((e) => e.statusTo !== null);
  if (changes.length === 0) return;
  await publishEvent(tx, 'dossier.sync_applied', {
    clientId,
    changes: changes.map((e) => ({ dossierId: e.dossierId, code: codes.get(e.dossierId) ?? null, seq: e.seq, statusFrom: e.statusFrom, status: e.statusTo, statusCode: e.data.statusCode, occurredAt: e.occurredAt.toISOString() })),
  });
}
