/**
 * Load for sync benchmarks (test/bench/dossiers-sync.bench.ts): synced dossiers to move, and batches
 * of status events over them whose times only go forward, so every event is applied (none stale).
 */
import type { SyncClient, SyncIngestService } from './sync-ingest.service.ts';
import { MAX_BATCH } from './sync.types.ts';

/** Processing-like national codes an agency system sends again and again: received, processing, supplement, payment. */
const CYCLE = [2, 4, 5, 4, 6, 4] as const;

/** Creates `count` synced dossiers of `client` (through the service, in batches); returns their codes. */
export async function seedSyncedDossiers(ingest: SyncIngestService, client: SyncClient, options: { count: number; agencyCode: string; procedureCode: string; runId?: string }): Promise<string[]> {
  const runId = options.runId ?? Date.now().toString(36);
  const codes: string[] = [];
  for (let from = 0; from < options.count; from += MAX_BATCH) {
    const events = Array.from({ length: Math.min(MAX_BATCH, options.count - from) }, (_, i) => ({
      eventId: `bench-${runId}-c-${from + i}`,
      kind: 'dossier.created',
      externalId: `bench-${runId}-${from + i}`,
      procedureCode: options.procedureCode,
      agencyCode: options.agencyCode,
      channel: 1,
      applicant: { name: 'Nguyễn Văn Thử', idNumber: `0010${String(90000000 + from + i).slice(-8)}` },
      status: 2,
      receivedAt: '2026-01-05T08:00:00+07:00',
      dueAt: '2026-01-12T08:00:00+07:00',
    }));
    const result = await ingest.ingest(client, events);
    if (result.accepted !== events.length) throw new Error(`seeding: ${result.rejected} rejected, e.g. ${JSON.stringify(result.results.find((r) => r.outcome === 'rejected'))}`);
    codes.push(...result.results.map((r) => r.dossierCode!));
  }
  return codes;
}

/**
 * `total` status events over `codes` as request bodies of `batchSize` events: round-robin over the
 * dossiers, one second apart per round from `start`, so each dossier's events go forward in time.
 */
export function buildStatusBatches(codes: readonly string[], total: number, options: { batchSize?: number; start?: Date; runId?: string } = {}): Array<{ events: Array<Record<string, unknown>> }> {
  const size = options.batchSize ?? MAX_BATCH;
  const start = (options.start ?? new Date('2026-02-01T01:00:00Z')).getTime();
  const runId = options.runId ?? Date.now().toString(36);
  const batches: Array<{ events: Array<Record<string, unknown>> }> = [];
  for (let from = 0; from < total; from += size) {
    const events = [];
    for (let n = from; n < Math.min(total, from + size); n++) {
      const round = Math.floor(n / codes.length);
      events.push({
        eventId: `bench-${runId}-s-${n}`,
        kind: 'dossier.status_changed',
        code: codes[n % codes.length],
        status: CYCLE[round % CYCLE.length],
        occurredAt: new Date(start + round * 1000).toISOString(),
        sequence: n,
      });
    }
    batches.push({ events });
  }
  return batches;
}
