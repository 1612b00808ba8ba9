import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Env } from '../../config/env.ts';
import { EmbeddedDatabaseError, startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';

export const APP_DATABASE = 'opendvc';

export interface DatabaseConnection {
  readonly url: string;
  readonly embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

/**
 * Decides where the data lives. With DATABASE_URL, that server. Without it, the embedded server
 * under DATA_DIR: started here when `own` is set (web, start), or, for one-off commands, the
 * server another OpenDVC process already runs on that folder, else a temporary one.
 */
export async function connectDatabase(env: Env, logger: Logger, mode: { own: boolean }): Promise<DatabaseConnection> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, release: async () => undefined };
  }
  const dir = path.join(env.dataDir, 'pg');
  const running = mode.own ? null : runningEmbeddedPort(dir);
  if (running !== null) {
    const credentials = JSON.parse(fs.readFileSync(`${dir}.credentials.json`, 'utf8')) as { user: string; password: string };
    const url = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${running}/${APP_DATABASE}`;
    logger.info({ port: running }, 'using the embedded PostgreSQL server already running on the data folder');
    return { url, embedded: true, release: async () => undefined };
  }
  const started = Date.now();
  const server = await startEmbeddedPostgres({
    dir,
    port: env.EMBEDDED_PG_PORT,
    log: (line) => logger.debug({ component: 'postgres' }, line),
  });
  await ensureDatabase(server, APP_DATABASE);
  logger.info({ dir, port: env.EMBEDDED_PG_PORT, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return {
    url: server.urlFor(APP_DATABASE),
    embedded: true,
    async release() {
      await server.stop();
      logger.info('embedded PostgreSQL stopped');
    },
  };
}

/** Creates `name` on the server unless it exists. */
export async function ensureDatabase(server: Pick<EmbeddedServer, 'adminUrl'>, name: string): Promise<void> {
  const client = new pg.Client(server.adminUrl);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function runningEmbeddedPort(dir: string): number | null {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  if (!Number.isInteger(port)) throw new EmbeddedDatabaseError(`Cannot read the port of the server running in ${dir}`);
  return port;
}
