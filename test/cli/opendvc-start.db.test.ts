import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../src/config/env.ts';
import { findFreePort } from '../../src/platform/db/embedded.ts';

// The real command a user runs: `opendvc start` with the embedded database, as `npm start` does.
const BIN = path.join(ROOT_DIR, 'bin/opendvc.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-start-'));
if (os.userInfo().uid === 0) fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...extra };
}

function startPortal(port: number, pgPort: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start'], { env: childEnv({ PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) }), cwd: ROOT_DIR });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('OpenDVC is ready')) resolve({ child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`opendvc start exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('opendvc start with the embedded database', () => {
  it('initialises, seeds, serves, imports, refuses a second instance, stops cleanly and restarts on the same data', async () => {
    const port = await findFreePort();
    const pgPort = await findFreePort();
    const first = await startPortal(port, pgPort);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const search = (await (await fetch(`http://127.0.0.1:${port}/api/v1/procedures?q=khai%20sinh&limit=3`)).json()) as { total: number };
    expect(search.total).toBeGreaterThan(0);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);

    // A second portal on the same data folder is refused with a message a person understands.
    const second = spawnSync(process.execPath, [BIN, 'start'], {
      env: childEnv({ PORT: String(await findFreePort()), EMBEDDED_PG_PORT: String(await findFreePort()) }),
      cwd: ROOT_DIR,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/already in use by a running PostgreSQL server/);

    // The import command attaches to the running embedded server.
    const reportFile = path.join(dataDir, 'report.json');
    const imported = spawnSync(process.execPath, [BIN, 'import-procedures', path.join(ROOT_DIR, 'test/fixtures/procedures/raw'), '--report', reportFile], {
      env: childEnv({ LOG_LEVEL: 'warn' }),
      cwd: ROOT_DIR,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Read \d+ record files: \d+ new, \d+ updated \(new version\), \d+ unchanged, 0 failed\./m);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['failed', 'imported', 'read', 'unchanged', 'updated', 'warnings']);
    expect(report.read).toBe(fs.readdirSync(path.join(ROOT_DIR, 'test/fixtures/procedures/raw')).filter((f) => f.endsWith('.json')).length);

    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toMatch(/embedded PostgreSQL stopped/);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // A later start reuses the cluster and its data.
    const again = await startPortal(port, pgPort);
    expect(again.output()).not.toMatch(/migrations applied/);
    const count = (await (await fetch(`http://127.0.0.1:${port}/api/v1/procedures?limit=1`)).json()) as { total: number };
    expect(count.total).toBe(search.total > 0 ? 2378 : -1);
    expect(await stop(again.child)).toBe(0);
  }, 180_000);
});
