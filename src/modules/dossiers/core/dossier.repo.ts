/** Reading and writing dossier rows and their events. Callers pass a transaction for anything that changes state. */
import { sql, type Kysely, type Selectable } from 'kysely';
import { publishEvent } from '../../../platform/events/events.ts';
import type { Channel, Duration } from '../deadline.workflow.ts';
import { formatVietnamTime } from '../working-time.workflow.ts';
import type { DossierTable, DossierTables } from './dossier.tables.ts';
import type { Dossier, DossierEventView, DossierFileRef, DossierStatus, PersonDetails } from './dossier.types.ts';
import { NATIONAL_STATUS_CODE } from './dossier.types.ts';

export type Db = Kysely<DossierTables>;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function toDossier(row: Selectable<DossierTable>): Dossier {
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    catalogVersion: row.catalog_version,
    serviceConfigId: row.service_config_id,
    agencyCode: row.agency_code,
    status: row.status as DossierStatus,
    channel: row.channel as Channel,
    origin: row.origin as Dossier['origin'],
    ownerAccountId: row.owner_account_id,
    submitterAccountId: row.submitter_account_id,
    applicant: row.applicant as unknown as PersonDetails,
    submitter: (row.submitter as unknown as PersonDetails | null) ?? null,
    caseKey: row.case_key,
    answers: row.answers,
    summary: row.summary,
    duration: (row.duration as Duration | null) ?? null,
    submittedAt: iso(row.submitted_at),
    receivedAt: iso(row.received_at),
    dueAt: iso(row.due_at),
    originalDueAt: iso(row.original_due_at),
    pausedAt: iso(row.paused_at),
    resumeStatus: row.resume_status as DossierStatus | null,
    supplementDueAt: iso(row.supplement_due_at),
    extended: row.extended,
    supplementCount: row.supplement_count,
    stepIndex: row.step_index,
    holderAccountId: row.holder_account_id,
    result: row.result ?? null,
    resolvedAt: iso(row.resolved_at),
    finishedAt: iso(row.finished_at),
    externalId: row.external_id,
    syncClientId: row.sync_client_id,
    seq: row.seq,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findDossier(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Dossier | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  let query = db.selectFrom('dossier').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toDossier(row) : null;
}

export async function findDossierByCode(db: Db, code: string): Promise<Dossier | null> {
  const row = await db.selectFrom('dossier').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toDossier(row) : null;
}

/** The next code for an agency on a Vietnamese calendar day: one row per (agency, day), locked by the upsert. */
export async function allocateDossierCode(db: Db, agencyCode: string, at: Date): Promise<string> {
  const local = formatVietnamTime(at); // 2026-11-22T15:04:00+07:00
  const day = local.slice(0, 10);
  const row = await sql<{ last_value: number }>`
    INSERT INTO dossier_code_counter (agency_code, day, last_value) VALUES (${agencyCode}, ${day}, 1)
    ON CONFLICT (agency_code, day) DO UPDATE SET last_value = dossier_code_counter.last_value + 1
    RETURNING last_value`.execute(db);
  const n = row.rows[0]!.last_value;
  return `${agencyCode}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(n).padStart(n > 9999 ? 5 : 4, '0')}`;
}

export interface NewEvent {
  type: string;
  statusFrom: DossierStatus | null;
  statusTo: DossierStatus | null;
  actorKind: DossierEventView['actorKind'];
  actorId: string | null;
  actorName: string | null;
  internal?: boolean;
  idempotencyKey?: string | null;
  data?: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Appends an event to a locked dossier (seq + 1), stores `changes` on the dossier row and publishes
 * `dossier.<type>` for the other modules — all on the caller's transaction.
 */
export async function appendEvent(tx: Db, dossier: Dossier, event: NewEvent, changes: Partial<Record<keyof DossierTable, unknown>> = {}): Promise<Dossier> {
  const seq = dossier.seq + 1;
  // One round trip: the event row and the dossier's new state.
  const row = await tx
    .with('inserted', (db) =>
      db
        .insertInto('dossier_event')
        .values({
          dossier_id: dossier.id,
          seq,
          type: event.type,
          status_from: event.statusFrom,
          status_to: event.statusTo,
          actor_kind: event.actorKind,
          actor_id: event.actorId,
          actor_name: event.actorName,
          internal: event.internal ?? false,
          idempotency_key: event.idempotencyKey ?? null,
          data: JSON.stringify(event.data ?? {}),
          occurred_at: event.occurredAt,
        })
        .returning('id'),
    )
    .updateTable('dossier')
    .set({ ...(changes as object), seq, updated_at: event.occurredAt })
    .where('id', '=', dossier.id)
    .returningAll('dossier')
    .returning((eb) => eb.selectFrom('inserted').select('inserted.id').as('event_id'))
    .executeTakeFirstOrThrow();
  const inserted = { id: (row as unknown as { event_id: string }).event_id };
  const updated = toDossier(row);
  if (!event.internal) await publishEvent(tx, `dossier.${event.type}`, eventPayload(updated, event, inserted.id, seq));
  return updated;
}

/** What downstream modules (notifications, webhooks, payments, reporting) learn of a dossier event. */
export function eventPayload(dossier: Dossier, event: NewEvent, eventId: string, seq: number): Record<string, unknown> {
  return {
    dossierId: dossier.id,
    eventId,
    seq,
    code: dossier.code,
    type: event.type,
    status: dossier.status,
    statusCode: dossier.status === 'draft' ? null : NATIONAL_STATUS_CODE[dossier.status],
    statusFrom: event.statusFrom,
    agencyCode: dossier.agencyCode,
    procedureCode: dossier.procedureCode,
    procedureName: dossier.procedureName,
    channel: dossier.channel,
    origin: dossier.origin,
    ownerAccountId: dossier.ownerAccountId,
    submitterAccountId: dossier.submitterAccountId,
    contact: contactOf(dossier),
    dueAt: dossier.dueAt,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data ?? {},
  };
}

/** Letters go to the authorised submitter when there is one (DOMAIN §2.2), else to the owner. */
export function contactOf(dossier: Dossier): { name: string; email: string | null; phone: string | null } {
  const person = dossier.submitter ?? dossier.applicant;
  return { name: person.fullName ?? '', email: person.email ?? null, phone: person.phone ?? null };
}

export async function findEventByKey(db: Db, dossierId: string, key: string) {
  return db.selectFrom('dossier_event').select(['id', 'type', 'seq']).where('dossier_id', '=', dossierId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function listEvents(db: Db, dossierId: string, options: { includeInternal: boolean }): Promise<DossierEventView[]> {
  let query = db.selectFrom('dossier_event').selectAll().where('dossier_id', '=', dossierId).orderBy('seq');
  if (!options.includeInternal) query = query.where('internal', '=', false);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    statusFrom: r.status_from as DossierStatus | null,
    statusTo: r.status_to as DossierStatus | null,
    actorKind: r.actor_kind as DossierEventView['actorKind'],
    actorName: r.actor_name,
    internal: r.internal,
    data: r.data,
    occurredAt: r.occurred_at.toISOString(),
  }));
}

export async function listFiles(db: Db, dossierId: string): Promise<DossierFileRef[]> {
  const rows = await db.selectFrom('dossier_file').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    requirementKey: r.requirement_key,
    fileId: r.file_id,
    name: r.name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    purpose: r.purpose as DossierFileRef['purpose'],
    createdAt: r.created_at.toISOString(),
  }));
}
