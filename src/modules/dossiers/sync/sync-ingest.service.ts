/**
 * Inbound sync: a batch of events from an agency one-stop system, applied in (occurredAt, sequence)
 * order. Items are checked and planned in memory (sync-batch.workflow.ts) and only good ones are
 * written, set-based, in one transaction: a bad item is rejected without touching the others. If that
 * transaction fails for a reason the plan could not foresee, the batch is applied item by item, each in
 * its own transaction, so one item's failure still never undoes the others.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isAppError } from '../../../platform/errors/app-error.ts';
import type { ServicePort } from '../core/dossier-deps.ts';
import { dueFor } from '../core/dossier-draft.service.ts';
import type { WorkingCalendar } from '../holiday-calendar.workflow.ts';
import { findSeenEventIds, insertDossiers, insertSyncRecords, insertTimelineEvents, lockDossiers, publishBatchApplied, updateDossiers, type SyncDb } from './sync-batch.repo.ts';
import { nationalProcedureCode, occurredAtOf, parseItem, planBatch, procedureKey, type BatchPlan, type DossierState, type ParsedItem, type ProcedureInfo } from './sync-batch.workflow.ts';
import type { ItemResult } from './sync.types.ts';

/** The agency system calling, as its integration describes it. */
export interface SyncClient {
  clientId: string;
  name: string;
  agencyCodes: readonly string[];
}

export interface SyncBatchResult {
  accepted: number;
  duplicate: number;
  stale: number;
  rejected: number;
  results: ItemResult[];
}

export interface SyncIngestDeps {
  db: SyncDb;
  services: ServicePort;
  calendar: WorkingCalendar;
  now: () => Date;
  newId?: () => string;
  logger?: Logger;
}

/** Thrown inside the batch transaction when a concurrent batch recorded some of the same event ids first. */
class ConcurrentBatch extends Error {}

const ATTEMPTS = 3;
// unique_violation, serialization_failure, deadlock_detected: a concurrent batch got there first; plan again.
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const PROCEDURE_TTL_MS = 60_000;

const sqlState = (err: unknown) => String((err as { code?: unknown })?.code ?? '');
const isRetryable = (err: unknown) => err instanceof ConcurrentBatch || RETRYABLE.has(sqlState(err));
/** Data and integrity errors are the item's fault; anything else (connection, resources) is the server's. */
const isItemError = (err: unknown) => err instanceof ConcurrentBatch || /^(22|23|40)[0-9A-Z]{3}$/.test(sqlState(err));

export function createSyncIngestService(deps: SyncIngestDeps) {
  const newId = deps.newId ?? randomUUID;
  const procedures = new Map<string, { until: number; info: ProcedureInfo | null }>();

  /** The service terms behind each (procedure, agency) the batch creates dossiers for; null = none. */
  async function resolveProcedures(client: SyncClient, items: readonly ParsedItem[]): Promise<Map<string, ProcedureInfo | null>> {
    const wanted = new Map<string, { procedureCode: string; agencyCode: string }>();
    for (const item of items) {
      if (!item.ok || item.event.kind !== 'dossier.created' || !client.agencyCodes.includes(item.event.agencyCode)) continue;
      wanted.set(procedureKey(item.event.procedureCode, item.event.agencyCode), { procedureCode: nationalProcedureCode(item.event.procedureCode), agencyCode: item.event.agencyCode });
    }
    const found = new Map<string, ProcedureInfo | null>();
    const clock = Date.now();
    for (const [key, { procedureCode, agencyCode }] of wanted) {
      const cached = procedures.get(key);
      if (cached && cached.until > clock) {
        found.set(key, cached.info);
        continue;
      }
      let info: ProcedureInfo | null = null;
      try {
        const version = await deps.services.current(procedureCode, agencyCode);
        info = {
          procedureCode: version.procedureCode,
          procedureName: version.procedureName,
          catalogVersion: version.catalogVersion,
          serviceConfigId: version.id,
          due: (channel, from) => dueFor(deps, version.terms, channel, from),
        };
      } catch (err) {
        if (!isAppError(err)) throw err;
      }
      procedures.set(key, { until: clock + PROCEDURE_TTL_MS, info });
      found.set(key, info);
    }
    return found;
  }

  /** Plans and writes `items` in one transaction, planning again when a concurrent batch interferes. */
  async function applyBatch(client: SyncClient, items: readonly ParsedItem[], known: ReadonlyMap<string, ProcedureInfo | null>): Promise<BatchPlan> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.db.transaction().execute(async (tx) => {
          const codes = new Set<string>();
          const externalIds = new Set<string>();
          for (const item of items) {
            if (!item.ok) continue;
            if (item.event.code !== undefined) codes.add(item.event.code);
            if (item.event.externalId !== undefined) externalIds.add(item.event.externalId);
          }
          const states = await lockDossiers(tx, client.clientId, [...codes], [...externalIds]);
          const seen = await findSeenEventIds(tx, client.clientId, items.flatMap((i) => (i.eventId === null ? [] : [i.eventId])));
          const byCode = new Map<string, DossierState>();
          const byExternalId = new Map<string, DossierState>();
          for (const s of states) {
            if (s.code) byCode.set(s.code, s);
            if (s.externalId && s.syncClientId === client.clientId) byExternalId.set(s.externalId, s);
          }
          const plan = planBatch(items, { clientId: client.clientId, agencyCodes: client.agencyCodes, seen, byCode, byExternalId, procedures: known, newId });
          const now = deps.now();
          await insertDossiers(tx, client.clientId, plan.created, now);
          const recorded = await insertSyncRecords(tx, client.clientId, plan.records);
          if (recorded !== plan.records.length) throw new ConcurrentBatch();
          await updateDossiers(tx, plan.updated, now);
          await insertTimelineEvents(tx, client, plan.events);
          const codesById = new Map([...plan.created.map((c) => c.state), ...plan.updated].map((s) => [s.id, s.code]));
          await publishBatchApplied(tx, client.clientId, plan.events, codesById);
          return plan;
        });
      } catch (err) {
        if (attempt < ATTEMPTS && isRetryable(err)) continue;
        throw err;
      }
    }
  }

  /** The slow path: each item alone, in order, in its own transaction. */
  async function applyOneByOne(client: SyncClient, items: readonly ParsedItem[], known: ReadonlyMap<string, ProcedureInfo | null>): Promise<Pick<BatchPlan, 'results' | 'dossiers'>> {
    const results: ItemResult[] = items.map((i) => ({ eventId: i.eventId, outcome: 'rejected' }));
    const dossiers: Array<DossierState | null> = items.map(() => null);
    const order = [...items].sort((a, b) => (a.ok && b.ok ? occurredAtOf(a.event).getTime() - occurredAtOf(b.event).getTime() || a.event.sequence - b.event.sequence : 0) || a.index - b.index);
    for (const item of order) {
      try {
        const plan = await applyBatch(client, [{ ...item, index: 0 }], known);
        results[item.index] = plan.results[0]!;
        dossiers[item.index] = plan.dossiers[0] ?? null;
      } catch (err) {
        if (!isItemError(err)) throw err;
        deps.logger?.warn({ err, clientId: client.clientId, eventId: item.eventId }, 'sync event could not be applied');
        results[item.index] = { eventId: item.eventId, outcome: 'rejected', code: 'invalid', reason: `could not be applied: ${(err as Error).message.slice(0, 200)}` };
      }
    }
    return { results, dossiers };
  }

  return {
    /**
     * Applies a batch of raw items (checked here one by one) for `client`; answers one result per item,
     * in the order sent. Throws only for server trouble (e.g. the database is unreachable).
     */
    async ingest(client: SyncClient, rawItems: ReadonlyArray<Record<string, unknown>>): Promise<SyncBatchResult> {
      const items = rawItems.map((raw, index) => parseItem(raw, index));
      const known = await resolveProcedures(client, items);
      let outcome: Pick<BatchPlan, 'results' | 'dossiers'>;
      try {
        outcome = await applyBatch(client, items, known);
      } catch (err) {
        if (!isItemError(err)) throw err;
        deps.logger?.warn({ err, clientId: client.clientId, items: items.length }, 'sync batch failed as a whole; applying its items one by one');
        outcome = await applyOneByOne(client, items, known);
      }
      const results = outcome.results.map((r, i) => {
        const code = outcome.dossiers[i]?.code;
        return code && r.outcome !== 'rejected' && r.outcome !== 'duplicate' ? { ...r, dossierCode: code } : r;
      });
      const count = (o: ItemResult['outcome']) => results.filter((r) => r.outcome === o).length;
      return { accepted: count('accepted'), duplicate: count('duplicate'), stale: count('stale'), rejected: count('rejected'), results };
    },
  };
}

export type SyncIngestService = ReturnType<typeof createSyncIngestService>;
