import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { ROOT_DIR } from '../../../config/env.ts';

let database: TestDatabase;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-cli-'));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

const opendvc = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT_DIR, 'bin/opendvc.js'), ...args], {
    env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('opendvc oidc-client', () => {
  it('adds a portal and an agency system, lists, rotates and disables them', () => {
    const portal = opendvc('oidc-client', 'add', '--name', 'Cổng DVC tỉnh Thử nghiệm', '--redirect-uri', 'https://dvc.example.gov.vn/cb', '--backchannel-logout-uri', 'https://dvc.example.gov.vn/bc', '--first-party');
    expect(portal.status, portal.stderr).toBe(0);
    const created = JSON.parse(portal.stdout) as { client_id: string; client_secret: string };
    expect(created.client_id).toMatch(/^dvc-/);
    expect(created.client_secret.length).toBeGreaterThanOrEqual(40);

    const system = opendvc('oidc-client', 'add', '--name', 'Một cửa tỉnh', '--grant', 'client_credentials', '--scope', 'api:sync');
    expect(system.status, system.stderr).toBe(0);

    const list = JSON.parse(opendvc('oidc-client', 'list').stdout) as Array<{ clientId: string; grants: string[]; disabled: boolean }>;
    expect(list.map((c) => c.clientId)).toContain(created.client_id);
    expect(list.find((c) => c.grants.includes('client_credentials'))).toBeDefined();

    const rotated = JSON.parse(opendvc('oidc-client', 'rotate-secret', created.client_id).stdout) as { client_secret: string };
    expect(rotated.client_secret).not.toBe(created.client_secret);
    expect(JSON.parse(opendvc('oidc-client', 'disable', created.client_id).stdout)).toEqual({ client_id: created.client_id, disabled: true });
  });

  it('explains bad input and exits non-zero', () => {
    const insecure = opendvc('oidc-client', 'add', '--name', 'X', '--redirect-uri', 'http://portal.example/cb');
    expect(insecure.status).toBe(2);
    expect(insecure.stderr).toMatch(/must use https/);
    const unknown = opendvc('oidc-client', 'rotate-secret', 'dvc-nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/IDENTITY_OIDC_CLIENT_NOT_FOUND/);
  });
});
