import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { ROOT_DIR } from '../../../config/env.ts';

let database: TestDatabase;
let agency: string;
let clientId: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-cli-'));

beforeAll(async () => {
  database = await createTestDatabase();
  agency = (await database.db.selectFrom('agency').select('code').where('kind', '=', 'commune_pc').orderBy('code').executeTakeFirstOrThrow()).code;
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

describe('opendvc integration', () => {
  it('lets a registered agency system sync for its agencies, shows the webhook secret once, lists, replays and disables', async () => {
    const system = opendvc('oidc-client', 'add', '--name', 'Một cửa điện tử xã', '--grant', 'client_credentials', '--scope', 'api:sync');
    expect(system.status, system.stderr).toBe(0);
    clientId = (JSON.parse(system.stdout) as { client_id: string }).client_id;

    const added = opendvc('integration', 'add', '--client', clientId, '--agency', agency, '--webhook', 'http://127.0.0.1:9/hooks/opendvc');
    expect(added.status, added.stderr).toBe(0);
    const integration = JSON.parse(added.stdout) as { clientId: string; name: string; agencyCodes: string[]; webhookSecret: string; enabled: boolean };
    expect(integration).toMatchObject({ clientId, name: 'Một cửa điện tử xã', agencyCodes: [agency], enabled: true });
    expect(integration.webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.selectFrom('dossier_integration').select('webhook_secret').where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(stored.webhook_secret).not.toContain(integration.webhookSecret.slice(6)); // sealed, never in clear

    const listed = JSON.parse(opendvc('integration', 'list').stdout) as Array<Record<string, unknown>>;
    expect(listed).toEqual([expect.objectContaining({ clientId, agencyCodes: [agency], webhookUrl: 'http://127.0.0.1:9/hooks/opendvc' })]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');

    // A dead delivery (its endpoint gave up) is replayed by the operator: pending again, with a job to send it.
    const eventId = '00000000-0000-4000-8000-000000000001';
    const dead = await database.db
      .insertInto('dossier_webhook_delivery')
      .values({ client_id: clientId, event_id: eventId, event_type: 'dossier.submitted', body: '{}', status: 'dead', attempts: 10, last_error: 'HTTP 500', created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const deadList = JSON.parse(opendvc('integration', 'deliveries', '--client', clientId, '--status', 'dead').stdout) as Array<{ id: string }>;
    expect(deadList.map((d) => d.id)).toEqual([dead.id]);
    const replayed = opendvc('integration', 'replay', '--dead');
    expect(replayed.status, replayed.stderr).toBe(0);
    expect(JSON.parse(replayed.stdout)).toEqual({ replayed: 1, deliveries: [dead.id] });
    expect(await database.db.selectFrom('dossier_webhook_delivery').select(['status', 'attempts', 'replays']).where('id', '=', dead.id).executeTakeFirstOrThrow()).toEqual({ status: 'pending', attempts: 0, replays: 1 });
    const { rows } = await database.pool.query(
      "SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'dossiers:deliver-webhook'",
    );
    expect(rows.map((r: { payload: { id: string } }) => r.payload.id)).toContain(dead.id);

    expect(JSON.parse(opendvc('integration', 'disable', clientId).stdout)).toEqual({ clientId, enabled: false });
    expect(await database.db.selectFrom('dossier_integration').select('enabled').where('client_id', '=', clientId).executeTakeFirstOrThrow()).toEqual({ enabled: false });
  });

  // Uses the client registered above (tests in a file run in order; spawning the CLI costs seconds).
  it('explains bad input and exits non-zero', () => {
    const unknownClient = opendvc('integration', 'add', '--client', 'dvc-nope', '--agency', agency);
    expect(unknownClient.status).toBe(2);
    expect(unknownClient.stderr).toMatch(/no OIDC client dvc-nope/);
    const noAgency = opendvc('integration', 'add', '--client', clientId, '--agency', 'KHONG.CO');
    expect(noAgency.status).toBe(2);
    expect(noAgency.stderr).toMatch(/no agency KHONG\.CO/);
    const insecure = opendvc('integration', 'add', '--client', clientId, '--agency', agency, '--webhook', 'http://mot-cua.example.vn/hook');
    expect(insecure.status).toBe(2);
    expect(insecure.stderr).toMatch(/must use https/);
    const replay = opendvc('integration', 'replay');
    expect(replay.status).toBe(2);
    expect(replay.stderr).toMatch(/--delivery <id> or --dead/);
  });
});
