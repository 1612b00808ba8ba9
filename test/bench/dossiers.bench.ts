// Dossiers under load, each figure printed beside the baseline it is compared with from the same run:
//  (1) submission (validated, durable, with its event and job) against the raw PostgreSQL single-row insert rate;
//  (2) tracking look-ups by dossier code against a hello-world route of the same server;
//  (3) status-sync ingest in events per second (batches through the HTTP API).
// Run by hand: npm run bench -- dossiers   (issue 4, "Benchmarks"; BENCH_SECONDS per figure, default 10)
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { citizen, readyDraft } from '../support/dossier-fixtures.ts';
import { measure, printFigures, startBenchServer } from './bench-server.ts';
import { syncBenchmark } from './dossiers-sync.bench-part.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const workers = Number(process.env.BENCH_WORKERS ?? 16);

/** Operations per second of `op` run back to back by `n` concurrent callers for `duration` seconds, with latencies. */
async function rate(op: (i: number) => Promise<unknown>, n: number, duration: number) {
  const end = performance.now() + duration * 1000;
  const started = performance.now();
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(next++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return { perSecond: Math.round(latencies.length / elapsed), p50: at(0.5), p99: at(0.99), count: latencies.length };
}

const server = await startBenchServer({ NODE_ENV: 'test', LOOKUP_RATE_PER_MINUTE: '10000000' });
const { app, base } = server;
const db = app.database.db;
try {
  // Drafts ready to submit, spread over 50 commune People's Committees (the daily code counter is one row per
  // agency and day: one agency alone serialises on it, a national load does not). One draft is made through
  // the services, then cloned in SQL with its files.
  const agencies = (await db.selectFrom('agency').select('code').where('kind', '=', 'commune_pc').orderBy('code').limit(50).execute()).map((r) => r.code);
  const person = await citizen(app, 'Nguyễn Văn Đo Tải');
  const needed = Math.max(20_000, seconds * 4_000);
  const templates = await Promise.all(agencies.map((a) => readyDraft(app, person, a)));
  const started = performance.now();
  const ids: string[] = [];
  for (let made = 0; made < needed; made += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, needed - made) }, (_, i) => ({ id: randomUUID(), from: templates[(made + i) % templates.length]!.id }));
    await sql`
      WITH pairs AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS p(id uuid, "from" uuid)),
      made AS (
        INSERT INTO dossier (id, procedure_code, procedure_name, catalog_version, service_config_id, agency_code, status, channel, origin,
          owner_account_id, applicant, applicant_id_number, case_key, answers)
        SELECT p.id, d.procedure_code, d.procedure_name, d.catalog_version, d.service_config_id, d.agency_code, 'draft', d.channel, d.origin,
          d.owner_account_id, d.applicant, d.applicant_id_number, d.case_key, d.answers
        FROM pairs p JOIN dossier d ON d.id = p."from" RETURNING id)
      INSERT INTO dossier_file (dossier_id, requirement_key, file_id, name, media_type, size_bytes, purpose)
      SELECT p.id, f.requirement_key, f.file_id, f.name, f.media_type, f.size_bytes, f.purpose FROM pairs p JOIN dossier_file f ON f.dossier_id = p."from"`.execute(db);
    ids.push(...batch.map((b) => b.id));
  }
  console.log(`prepared ${ids.length} drafts over ${agencies.length} agencies in ${Math.round(performance.now() - started)} ms`);

  // Baseline: raw single-row INSERTs (autocommit, one round trip each) by the same number of callers.
  await sql`CREATE TABLE IF NOT EXISTS bench_raw_insert (id uuid PRIMARY KEY, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const raw = await rate(() => sql`INSERT INTO bench_raw_insert (id, payload) VALUES (${randomUUID()}, ${JSON.stringify({ hello: 'world' })}::jsonb)`.execute(db), workers, seconds);

  const { drafts } = app.modules.dossiers;
  const submit = await rate(async (i) => {
    const id = ids[i];
    if (!id) throw new Error('ran out of prepared drafts: raise the count');
    await drafts.submit(person.actor, id);
  }, workers, seconds);
  const jobs = await sql<{ n: string }>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'platform:dispatch-event'`.execute(db);
  const submitted = await db.selectFrom('dossier').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'submitted').executeTakeFirstOrThrow();

  console.log(`\n${'work'.padEnd(52)} ${'ops/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs raw'.padStart(7)}`);
  for (const [name, r] of [['raw PostgreSQL single-row insert (baseline)', raw], ['dossier submission (validate, code, event, job)', submit]] as const) {
    console.log(`${name.padEnd(52)} ${String(r.perSecond).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${(r.perSecond / raw.perSecond).toFixed(2).padStart(7)}`);
  }
  console.log(`(${workers} concurrent callers in process; ${submitted.n} dossiers submitted, ${jobs.rows[0]!.n} dispatch jobs queued)`);

  // Tracking look-ups: the public lookup API by code + ID number, against hello-world.
  const sample = await db.selectFrom('dossier').select(['code', 'applicant_id_number']).where('status', '=', 'submitted').limit(200).execute();
  const lookups = sample.map((s) => `/api/v1/dossier-lookup?code=${encodeURIComponent(s.code!)}&idNumber=${s.applicant_id_number}`);
  const hello = await measure('hello-world baseline', base, ['/bench/hello'], { seconds });
  const tracking = await measure('tracking look-up by code (API, 200 dossiers)', base, lookups, { seconds });
  const rows = [hello, tracking];
  const sync = await syncBenchmark(app, base, seconds).catch((err: Error) => {
    console.log(`status-sync ingest not measured: ${err.message}`);
    return null;
  });
  printFigures(rows, hello);
  if (sync) console.log(`status-sync ingest: ${sync.eventsPerSecond} events/s (${sync.batches} batches of ${sync.batchSize}, ${sync.connections} connections; p99 per batch ${sync.p99} ms)`);
  console.log(`machine: ${os.cpus().length} cores`);
} finally {
  await server.close();
}
