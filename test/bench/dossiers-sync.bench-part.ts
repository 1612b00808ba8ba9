import type { WebApp } from '../../src/app.ts';

export async function syncBenchmark(_app: WebApp, _base: string, _seconds: number): Promise<{ eventsPerSecond: number; batches: number; batchSize: number; connections: number; p99: number }> {
  throw new Error('the sync API is not wired yet');
}
