import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { createWebApp, prepareDatabase, type WebApp } from '../../src/app.ts';
import { loadEnv } from '../../src/config/env.ts';
import { ensureDatabase } from '../../src/platform/db/connect.ts';
import { findFreePort, startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';

/**
 * A seeded portal for a benchmark: DATABASE_URL's server if set, else a throw-away embedded one.
 * The same server gets a hello-world route, the baseline every benchmark prints beside its figures.
 */
export async function startBenchServer(overrides: Readonly<Record<string, string>> = {}): Promise<{ app: WebApp; base: string; close(): Promise<void> }> {
  // The port is chosen first so that PUBLIC_URL (and so the OpenID issuer) is the address served.
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const env = loadEnv({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', SESSION_SECRET: randomBytes(32).toString('hex'), PUBLIC_URL: base, PORT: String(port), ...overrides });
  let url = env.DATABASE_URL;
  let stopPg = async () => undefined;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-bench-'));
    if (os.userInfo().uid === 0) fs.chmodSync(dir, 0o755);
    const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await findFreePort(), persistent: false });
    await ensureDatabase(server, 'opendvc_bench');
    url = server.urlFor('opendvc_bench');
    stopPg = async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await prepareDatabase(url, { seed: true, quiet: true });
  const app = await createWebApp({ env, databaseUrl: url, logger: pino({ level: 'warn' }), listenForChanges: false });
  app.http.get('/bench/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));
  await app.http.listen({ port, host: '127.0.0.1' });
  return {
    app,
    base,
    async close() {
      await app.close();
      await stopPg();
    },
  };
}

export interface BenchFigures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against `paths` (rotated request by request) and returns the figures. */
export async function measure(name: string, base: string, paths: readonly string[], options: { seconds?: number; connections?: number } = {}): Promise<BenchFigures> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: options.connections ?? 32,
    duration: options.seconds ?? 10,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function printFigures(rows: readonly BenchFigures[], baseline: BenchFigures): void {
  console.log(`\n${'benchmark'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs hello'.padStart(9)} errors`);
  for (const r of rows) {
    const ratio = (r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2);
    console.log(`${r.name.padEnd(44)} ${String(r.requestsPerSecond).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${ratio.padStart(9)} ${r.errors + r.non2xx}`);
  }
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}\n`);
}
