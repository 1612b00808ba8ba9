import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-embedded-'));
const dir = path.join(root, 'pg');
let first: EmbeddedServer | null = null;

afterAll(async () => {
  await first?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('initialises a cluster on first start, keeps data across restarts and stops cleanly', async () => {
    // `root` is private (mkdtemp makes it 0700), like a checkout under `mktemp -d`: run as root, the
    // server's `postgres` user must still get through it, so the start makes it passable (o+x) itself.
    const port = await findFreePort();
    first = await startEmbeddedPostgres({ dir, port });
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(fs.statSync(root).mode & 0o001).toBe(os.userInfo().uid === 0 ? 0o001 : 0);
    await scalar(first.adminUrl, 'CREATE TABLE kept (v text)');
    await scalar(first.adminUrl, 'INSERT INTO kept VALUES ($$còn đây$$)');
    await first.stop();
    first = null;
    expect(fs.existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);

    first = await startEmbeddedPostgres({ dir, port });
    expect(await scalar(first.adminUrl, 'SELECT v FROM kept')).toEqual({ v: 'còn đây' });
    expect(await scalar(first.adminUrl, 'SELECT current_setting($$fsync$$) AS fsync')).toEqual({ fsync: 'on' });
  });

  it('refuses a second server on the same folder with a clear error', async () => {
    expect(first).not.toBeNull();
    await expect(startEmbeddedPostgres({ dir, port: await findFreePort() })).rejects.toThrow(/already in use by a running PostgreSQL server/);
  });

  it('refuses a taken port with a clear error', async () => {
    const other = path.join(root, 'other');
    const url = new URL(first!.adminUrl);
    await expect(startEmbeddedPostgres({ dir: other, port: Number(url.port) })).rejects.toThrow(/Port \d+ on 127\.0\.0\.1 is already taken/);
  });
});
