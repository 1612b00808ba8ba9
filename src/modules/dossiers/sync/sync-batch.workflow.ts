/**
 * The rules of one sync batch, pure: which item is a duplicate, which is rejected and why, the order
 * items apply in, what is stale, and the final state of every dossier touched — so the service can
 * write the whole batch with a few set-based statements instead of one transaction per item.
 */
import type { Channel, Duration } from '../deadline.workflow.ts';
import { FINAL_STATUSES, PAUSED_STATUSES, statusOfNationalCode, type DossierStatus, type PersonDetails } from '../core/dossier.types.ts';
import { CHANNEL_OF_CODE, KINDS, type CreatedEvent, type ItemResult, type Rejection, type StatusChangedEvent, type SyncEvent } from './sync.types.ts';

/** A dossier as the batch sees it: what the rules read and what the writes change. */
export interface DossierState {
  id: string;
  code: string | null;
  externalId: string | null;
  syncClientId: string | null;
  agencyCode: string;
  status: DossierStatus;
  seq: number;
  lastSyncAt: Date | null;
  lastSyncSequence: number | null;
  receivedAt: Date | null;
  resolvedAt: Date | null;
  finishedAt: Date | null;
  pausedAt: Date | null;
  resumeStatus: DossierStatus | null;
  dueAt: Date | null;
  holderAccountId: string | null;
  result: { text: string; fileIds: string[] } | null;
}

/** A new dossier: its state plus the columns only creation sets. */
export interface NewDossier {
  state: DossierState;
  event: CreatedEvent;
  procedure: ProcedureInfo;
  channel: Channel;
  applicant: PersonDetails;
  submittedAt: Date;
  duration: Duration | null;
  originalDueAt: Date | null;
}

/** What the service resolved for a (procedure, agency) pair before planning. */
export interface ProcedureInfo {
  procedureCode: string;
  procedureName: string;
  catalogVersion: number;
  serviceConfigId: string | null;
  due(channel: Channel, from: Date): { duration: Duration | null; due: Date | null };
}

export interface TimelineEvent {
  dossierId: string;
  seq: number;
  eventId: string;
  statusFrom: DossierStatus | null;
  statusTo: DossierStatus | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface SyncRecord {
  eventId: string;
  kind: SyncEvent['kind'];
  dossierId: string;
  outcome: 'accepted' | 'stale';
  statusCode: number;
  occurredAt: Date;
  sequence: number;
  /** What the client sent, kept for creations and stale events (an applied change is on the timeline). */
  payload: Record<string, unknown> | null;
}

export interface BatchPlan {
  results: ItemResult[];
  /** The dossier each item applied to (accepted or stale), by item position: its code is final after the writes. */
  dossiers: Array<DossierState | null>;
  records: SyncRecord[];
  events: TimelineEvent[];
  created: NewDossier[];
  /** Existing dossiers whose state changed (final state after every item of the batch). */
  updated: DossierState[];
}

/** An item after the envelope check: parsed, or why not. */
export type ParsedItem = { index: number; eventId: string | null; raw: Record<string, unknown> } & ({ ok: true; event: SyncEvent } | { ok: false; code: Rejection; reason: string });

export interface BatchContext {
  clientId: string;
  agencyCodes: readonly string[];
  /** Event ids this client sent before (recorded as accepted or stale). */
  seen: ReadonlySet<string>;
  byCode: ReadonlyMap<string, DossierState>;
  /** By the client's own dossier id. */
  byExternalId: ReadonlyMap<string, DossierState>;
  /** `procedureKey(code, agency)` → the resolved procedure, or null when there is none. */
  procedures: ReadonlyMap<string, ProcedureInfo | null>;
  newId: () => string;
}

export const procedureKey = (procedureCode: string, agencyCode: string) => `${nationalProcedureCode(procedureCode)}|${agencyCode}`;

/** A local long code `1.003560.000.00.00.H56` is the national `1.003560` plus the agency (DOMAIN §5.3). */
export function nationalProcedureCode(code: string): string {
  return code.slice(0, 8);
}

/** Checks one item against its kind's schema; never throws. */
export function parseItem(raw: Record<string, unknown>, index: number): ParsedItem {
  const eventId = typeof raw.eventId === 'string' && raw.eventId.length > 0 && raw.eventId.length <= 128 ? raw.eventId : null;
  const schema = KINDS[raw.kind as keyof typeof KINDS];
  if (!schema) return { index, eventId, raw, ok: false, code: 'invalid', reason: `kind must be one of ${Object.keys(KINDS).join(', ')}` };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
    return { index, eventId, raw, ok: false, code: 'invalid', reason };
  }
  return { index, eventId, raw, ok: true, event: parsed.data as SyncEvent };
}

export const occurredAtOf = (event: SyncEvent): Date => (event.kind === 'dossier.created' ? (event.occurredAt ?? event.receivedAt) : event.occurredAt);

/** Whether (at, sequence) is not after the dossier's last applied sync event. */
export function isStale(state: Pick<DossierState, 'lastSyncAt' | 'lastSyncSequence'>, at: Date, sequence: number): boolean {
  if (!state.lastSyncAt) return false;
  const diff = at.getTime() - state.lastSyncAt.getTime();
  return diff < 0 || (diff === 0 && sequence <= (state.lastSyncSequence ?? -1));
}

/**
 * Plans a batch: duplicates first (by event id, before anything else), then every valid item in
 * (occurredAt, sequence, position) order against the dossiers' states as earlier items left them.
 */
export function planBatch(items: readonly ParsedItem[], ctx: BatchContext): BatchPlan {
  if (items.some((item, i) => item.index !== i)) throw new Error('planBatch: items[i].index must be i');
  const results: ItemResult[] = items.map((item) => ({ eventId: item.eventId, outcome: 'rejected' }));
  const plan: BatchPlan = { results, dossiers: items.map(() => null), records: [], events: [], created: [], updated: [] };
  const recorded = new Set<string>();
  const byCode = new Map(ctx.byCode);
  const byExternalId = new Map(ctx.byExternalId);
  const touched = new Map<string, DossierState>();
  /** Rejects the item at `index`; returns false (nothing recorded) so rules can `return reject(…)`. */
  const reject = (index: number, code: Rejection, reason: string): false => {
    results[index] = { eventId: items[index]!.eventId, outcome: 'rejected', code, reason };
    return false;
  };

  const valid: Array<{ index: number; event: SyncEvent; raw: Record<string, unknown>; at: Date }> = [];
  for (const item of items) {
    if (item.eventId !== null && ctx.seen.has(item.eventId)) results[item.index] = { eventId: item.eventId, outcome: 'duplicate' };
    else if (!item.ok) reject(item.index, item.code, item.reason);
    else valid.push({ index: item.index, event: item.event, raw: item.raw, at: occurredAtOf(item.event) });
  }
  valid.sort((a, b) => a.at.getTime() - b.at.getTime() || a.event.sequence - b.event.sequence || a.index - b.index);

  for (const { index, event, raw, at } of valid) {
    if (recorded.has(event.eventId)) {
      results[index] = { eventId: event.eventId, outcome: 'duplicate' };
      continue;
    }
    const kept = event.kind === 'dossier.created' ? applyCreated(index, event, raw, at) : applyStatusChange(index, event, raw, at);
    if (kept) recorded.add(event.eventId);
  }
  const createdIds = new Set(plan.created.map((c) => c.state.id));
  plan.updated = [...touched.values()].filter((s) => !createdIds.has(s.id));
  return plan;

  function find(event: SyncEvent): DossierState | undefined {
    // A client's own id is only looked up among its own dossiers; the code finds any dossier.
    return (event.code !== undefined ? byCode.get(event.code) : undefined) ?? (event.externalId !== undefined ? byExternalId.get(event.externalId) : undefined);
  }

  function applyCreated(index: number, event: CreatedEvent, raw: Record<string, unknown>, at: Date): boolean {
    const status = statusOfNationalCode(event.status);
    if (!status) return reject(index, 'invalid_status', `${event.status} is not a national status code (0–10)`);
    if (!ctx.agencyCodes.includes(event.agencyCode)) return reject(index, 'other_agency', `this client does not sync for agency ${event.agencyCode}`);
    if (find(event)) return reject(index, 'dossier_exists', `a dossier ${event.code ?? event.externalId} already exists`);
    const procedure = ctx.procedures.get(procedureKey(event.procedureCode, event.agencyCode));
    if (!procedure) return reject(index, 'unknown_procedure', `no procedure ${nationalProcedureCode(event.procedureCode)} at agency ${event.agencyCode}`);
    const channel = CHANNEL_OF_CODE[event.channel];
    const computed = event.dueAt === undefined ? procedure.due(channel, event.receivedAt) : { duration: null, due: event.dueAt };
    const state: DossierState = {
      id: ctx.newId(),
      code: event.code ?? null,
      externalId: event.externalId ?? null,
      syncClientId: ctx.clientId,
      agencyCode: event.agencyCode,
      status,
      seq: 0,
      lastSyncAt: null,
      lastSyncSequence: null,
      receivedAt: status === 'submitted' ? null : event.receivedAt,
      resolvedAt: null,
      finishedAt: null,
      pausedAt: null,
      resumeStatus: null,
      dueAt: computed.due,
      holderAccountId: null,
      result: null,
    };
    const { name, idNumber, phone, email, address, subjectType } = event.applicant;
    plan.created.push({
      state,
      event,
      procedure,
      channel,
      applicant: { fullName: name, idNumber: idNumber ?? null, phone: phone ?? null, email: email ?? null, address: address ? { text: address } : null, subjectType },
      submittedAt: event.submittedAt ?? event.receivedAt,
      duration: computed.duration,
      originalDueAt: computed.due,
    });
    if (state.code) byCode.set(state.code, state);
    if (state.externalId) byExternalId.set(state.externalId, state);
    touched.set(state.id, state);
    move(state, null, status, event, at, { channel, statusCode: event.status, created: true });
    plan.records.push({ eventId: event.eventId, kind: event.kind, dossierId: state.id, outcome: 'accepted', statusCode: event.status, occurredAt: at, sequence: event.sequence, payload: raw });
    results[index] = { eventId: event.eventId, outcome: 'accepted' };
    plan.dossiers[index] = state;
    return true;
  }

  function applyStatusChange(index: number, event: StatusChangedEvent, raw: Record<string, unknown>, at: Date): boolean {
    const state = find(event);
    if (!state || state.status === 'draft') return reject(index, 'unknown_dossier', `no dossier ${event.code ?? `with externalId ${event.externalId}`}`);
    if (!ctx.agencyCodes.includes(state.agencyCode)) return reject(index, 'other_agency', `dossier ${event.code ?? event.externalId} belongs to agency ${state.agencyCode}, which this client does not sync for`);
    const status = statusOfNationalCode(event.status);
    if (!status) return reject(index, 'invalid_status', `${event.status} is not a national status code (0–10)`);
    const record: SyncRecord = { eventId: event.eventId, kind: event.kind, dossierId: state.id, outcome: 'accepted', statusCode: event.status, occurredAt: at, sequence: event.sequence, payload: null };
    if (isStale(state, at, event.sequence)) {
      plan.records.push({ ...record, outcome: 'stale', payload: raw });
      results[index] = { eventId: event.eventId, outcome: 'stale' };
      plan.dossiers[index] = state;
      return true;
    }
    touched.set(state.id, state);
    const from = state.status;
    if (event.dueAt) state.dueAt = event.dueAt;
    if (event.result) state.result = { text: event.result, fileIds: [] };
    move(state, from, status, event, at, {
      statusCode: event.status,
      ...(event.note ? { note: event.note } : {}),
      ...(event.dueAt ? { dueAt: event.dueAt.toISOString() } : {}),
      ...(event.result ? { resultText: event.result } : {}),
    });
    plan.records.push(record);
    results[index] = { eventId: event.eventId, outcome: 'accepted' };
    plan.dossiers[index] = state;
    return true;
  }

  /** Moves the state to `to` as of `at`, appends the timeline event, and records creations. */
  function move(state: DossierState, from: DossierStatus | null, to: DossierStatus, event: SyncEvent, at: Date, data: Record<string, unknown>) {
    if (PAUSED_STATUSES.has(to) && (from === null || !PAUSED_STATUSES.has(from))) {
      state.pausedAt = at;
      state.resumeStatus = from ?? 'processing';
    } else if (!PAUSED_STATUSES.has(to)) {
      state.pausedAt = null;
      state.resumeStatus = null;
    }
    if (to !== 'submitted' && !state.receivedAt) state.receivedAt = at;
    if ((to === 'resolved' || to === 'returned') && !state.resolvedAt) state.resolvedAt = at;
    state.finishedAt = FINAL_STATUSES.has(to) ? (state.finishedAt ?? at) : null;
    if (FINAL_STATUSES.has(to)) state.holderAccountId = null;
    state.status = to;
    state.seq += 1;
    state.lastSyncAt = at;
    state.lastSyncSequence = event.sequence;
    plan.events.push({ dossierId: state.id, seq: state.seq, eventId: event.eventId, statusFrom: from, statusTo: from === to ? null : to, data: { ...data, eventId: event.eventId, sequence: event.sequence }, occurredAt: at });
  }
}
