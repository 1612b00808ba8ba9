import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createModules } from '../../app.ts';
import { ROOT_DIR } from '../../config/env.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';

// Two web processes on one database: an import through one reaches the other's in-memory search.
let database: TestDatabase;
let other: Database<any>;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  other = openDatabase<any>(database.url, { poolSize: 2 });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-sync-'));
  const record = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'test/fixtures/procedures/raw/3.000347.json'), 'utf8')) as Record<string, string>;
  record.ma_thu_tuc = '9.700001';
  record.ten_thu_tuc = 'Thủ tục thử nghiệm zalorathin';
  record.raw_text = record.raw_text!.replaceAll('Đổi giấy phép lái xe', 'Thủ tục thử nghiệm zalorathin').replaceAll('3.000347', '9.700001');
  fs.writeFileSync(path.join(folder, 'r.json'), JSON.stringify(record));
});

afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await other?.close();
  await database?.drop();
});

describe('catalog index across processes', () => {
  it('reloads another process’s search index when the catalog changes', async () => {
    const logger = pino({ level: 'silent' });
    const importer = await createModules(database.db, logger);
    const web = await createModules(other.db, logger);
    await web.catalog.service.refresh();
    const stop = await web.catalog.service.listenForChanges(other.pool);
    try {
      expect((await web.catalog.service.search({ q: 'zalorathin', limit: 5, offset: 0 })).total).toBe(0);
      await importer.catalog.importer.importFolder(folder);
      const until = Date.now() + 10_000;
      let total = 0;
      while (total === 0 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        total = (await web.catalog.service.search({ q: 'zalorathin', limit: 5, offset: 0 })).total;
      }
      expect(total).toBe(1);
      expect((await web.catalog.service.getProcedure('9.700001')).name).toBe('Thủ tục thử nghiệm zalorathin');
    } finally {
      await stop();
    }
  });
});
