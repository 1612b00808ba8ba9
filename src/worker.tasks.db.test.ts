import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runOnce } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';
import { createModules } from './app.ts';
import { ROOT_DIR } from './config/env.ts';
import { addJob } from './platform/jobs/worker.ts';
import { createWorkerTasks, formatImportSummary } from './worker.tasks.ts';

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-worker-'));
  const record = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test/fixtures/procedures/raw/1.000232.json'), 'utf8')) as Record<string, string>;
  record.ma_thu_tuc = '9.800001';
  fs.writeFileSync(path.join(dir, 'one.json'), JSON.stringify(record));
  fs.writeFileSync(path.join(dir, 'broken.json'), '{"ma_thu_tuc": "9.8');
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

describe('worker', () => {
  it('runs a queued procedure import durably and writes its report', async () => {
    const logger = pino({ level: 'silent' });
    const tasks = createWorkerTasks(database.db, await createModules(database.db, logger), logger);
    // The first run installs graphile-worker's schema; the job is then added as `opendvc import-procedures --background` does.
    await runOnce({ pgPool: database.pool, taskList: tasks });
    const reportFile = path.join(dir, 'report.json');
    await addJob(database.pool, 'catalog:import-folder', { folder: dir, report: reportFile, effectiveFrom: null });
    await runOnce({ pgPool: database.pool, taskList: tasks });
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    expect(report).toMatchObject({ read: 2, imported: 1, failed: [{ file: 'broken.json' }] });
    const row = await database.db.selectFrom('catalog_procedure').select('name').where('code', '=', '9.800001').executeTakeFirst();
    expect(row?.name).toMatch(/tài khoản điện tử/);
    const left = await database.pool.query('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    expect(left.rows[0].n).toBe(0);
  });

  it('prints a human summary of an import', () => {
    const text = formatImportSummary(
      { read: 3, imported: 1, updated: 1, unchanged: 0, failed: [{ file: 'x.json', reason: 'not valid JSON' }], warnings: [{ file: 'a.json', field: 'f', kind: 'k' }, { file: 'b.json', field: 'f', kind: 'k' }] },
      'r.json',
    );
    expect(text).toContain('Read 3 record files: 1 new, 1 updated (new version), 0 unchanged, 1 failed.');
    expect(text).toContain('failed  x.json: not valid JSON');
    expect(text).toMatch(/2\s+f\/k/);
    expect(text).toContain('Full report: r.json');
  });
});
