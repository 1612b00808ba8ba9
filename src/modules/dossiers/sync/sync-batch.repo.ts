/**
 * SQL of a sync batch. Set-based on purpose (one statement per table, the rows as one JSON document): a
 * batch of a thousand status events costs a handful of round trips, not thousands.
 */
import { sql, type Kysely } from 'kysely';
import { publishEvent } from '../../../platform/events/events.ts';
import { allocateDossierCode, type Db as DossierDb } from '../core/dossier.repo.ts';
import type { DossierStatus } from '../core/dossier.types.ts';
import { formatVietnamTime } from '../working-time.workflow.ts';
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
 * Locks the dossiers the batch names (by code among all dossiers, by external id among this client's
 * own) in id order, so concurrent batches never deadlock on each other. NO KEY UPDATE is the lock an
 * UPDATE takes anyway: it excludes other writers (the core's FOR UPDATE too) but lets the timeline's
 * foreign keys through.
 */
export async function lockDossiers(tx: SyncDb, clientId: string, codes: readonly string[], externalIds: readonly string[]): Promise<DossierState[]> {
  if (codes.length === 0 && externalIds.length === 0) return [];
  // A union of two index lookups (by code; by client and external id), not an OR the planner may answer with a scan.
  const byExternal = externalIds.length === 0 ? sql`` : sql`UNION SELECT id FROM dossier WHERE sync_client_id = ${clientId} AND external_id = ANY(${[...externalIds]}::text[])`;
  const { rows } = await sql<StateRow>`
    SELECT id, code, external_id, sync_client_id, agency_code, status, seq, last_sync_at, last_sync_sequence, received_at,
           resolved_at, finished_at, paused_at, resume_status, due_at, holder_account_id, result
    FROM dossier
    WHERE id IN (SELECT id FROM dossier WHERE code = ANY(${[...codes]}::text[]) ${byExternal})
    ORDER BY id
    FOR NO KEY UPDATE`.execute(tx);
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
  // One JSON document for the whole batch: cheaper to build and to parse than eight parallel arrays.
  const rows = JSON.stringify(records.map((r) => ({ e: r.eventId, k: r.kind, d: r.dossierId, o: r.outcome, s: r.statusCode, t: r.occurredAt, q: r.sequence, p: r.payload })));
  const { rows: counted } = await sql<{ n: number }>`
    WITH inserted AS (
      INSERT INTO dossier_sync_event (client_id, event_id, kind, dossier_id, outcome, status_code, occurred_at, sequence, payload)
      SELECT ${clientId}, r.e, r.k, r.d, r.o, r.s, r.t, r.q, r.p
      FROM jsonb_to_recordset(${rows}::jsonb) AS r(e text, k text, d uuid, o text, s smallint, t timestamptz, q bigint, p jsonb)
      ON CONFLICT (client_id, event_id) DO NOTHING
      RETURNING 1)
    SELECT count(*)::int AS n FROM inserted`.execute(tx);
  return counted[0]?.n ?? 0;
}

/**
 * Codes `{agency}-{yyMMdd}-{NNNN}` for dossiers the agency sent without one, like native ones (DOMAIN §5.1):
 * one counter upsert per (agency, day) that takes a whole range, instead of one round trip per dossier.
 */
async function allocateCodes(tx: SyncDb, created: readonly NewDossier[]): Promise<void> {
  const groups = new Map<string, NewDossier[]>();
  for (const c of created) {
    if (c.state.code) continue;
    const key = `${c.state.agencyCode}|${formatVietnamTime(c.event.receivedAt).slice(0, 10)}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, group] of groups) {
    const [agencyCode, day] = key.split('|') as [string, string];
    if (group.length === 1) {
      group[0]!.state.code = await allocateDossierCode(asDossierDb(tx), agencyCode, group[0]!.event.receivedAt);
      continue;
    }
    const { rows } = await sql<{ last_value: number }>`
      INSERT INTO dossier_code_counter (agency_code, day, last_value) VALUES (${agencyCode}, ${day}, ${group.length})
      ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counter.last_value + ${group.length}
      RETURNING last_value`.execute(tx);
    const first = rows[0]!.last_value - group.length + 1;
    const yymmdd = `${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`;
    group.forEach((c, i) => {
      const n = first + i;
      c.state.code = `${agencyCode}-${yymmdd}-${String(n).padStart(n > 9999 ? 5 : 4, '0')}`;
    });
  }
}

/** Inserts the created dossiers (codes allocated for those the agency sent none) in their final state. */
export async function insertDossiers(tx: SyncDb, clientId: string, created: readonly NewDossier[], now: Date): Promise<void> {
  if (created.length === 0) return;
  await allocateCodes(tx, created);
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

/** Writes the final state of every existing dossier the batch changed, in one UPDATE … FROM json. */
export async function updateDossiers(tx: SyncDb, states: readonly DossierState[], now: Date): Promise<void> {
  if (states.length === 0) return;
  const rows = JSON.stringify(
    states.map((s) => ({
      id: s.id,
      st: s.status,
      sq: s.seq,
      la: s.lastSyncAt,
      ls: s.lastSyncSequence,
      ra: s.receivedAt,
      rs: s.resolvedAt,
      fa: s.finishedAt,
      pa: s.pausedAt,
      rm: s.resumeStatus,
      du: s.dueAt,
      ho: s.holderAccountId,
      re: s.result,
    })),
  );
  await sql`
    UPDATE dossier AS d SET
      status = v.st, seq = v.sq, last_sync_at = v.la, last_sync_sequence = v.ls, received_at = v.ra, resolved_at = v.rs,
      finished_at = v.fa, paused_at = v.pa, resume_status = v.rm, due_at = v.du, holder_account_id = v.ho, result = v.re,
      updated_at = ${now.toISOString()}::timestamptz
    FROM jsonb_to_recordset(${rows}::jsonb)
      AS v(id uuid, st text, sq int, la timestamptz, ls bigint, ra timestamptz, rs timestamptz, fa timestamptz, pa timestamptz, rm text, du timestamptz, ho uuid, re jsonb)
    WHERE d.id = v.id`.execute(tx);
}

/**
 * Appends the timeline rows (type `synced`, actor the agency system). Their idempotency key is the
 * sync log's primary key (client, event id), not dossier_event's: one index fewer per event.
 */
export async function insertTimelineEvents(tx: SyncDb, actor: { clientId: string; name: string }, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(events.map((e) => ({ d: e.dossierId, q: e.seq, f: e.statusFrom, t: e.statusTo, x: e.data, o: e.occurredAt })));
  await sql`
    INSERT INTO dossier_event (dossier_id, seq, type, status_from, status_to, actor_kind, actor_id, actor_name, data, occurred_at)
    SELECT r.d, r.q, 'synced', r.f, r.t, 'agency_system', ${actor.clientId}, ${actor.name}, r.x, r.o
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(d uuid, q int, f text, t text, x jsonb, o timestamptz)`.execute(tx);
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
