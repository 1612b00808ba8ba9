import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../config/env.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createModules, type Modules } from '../../app.ts';

const FIXTURES = path.join(ROOT_DIR, 'test/fixtures/procedures/raw');
const SHARED_RAW = path.resolve(ROOT_DIR, '../shared/data/tthc-dichvucong-chatbot_tthc/raw');

let database: TestDatabase;
let modules: Modules;
let folder: string;

/** A record of the source with a code of its own, so it is new to the seeded catalog. */
function writeRecord(dir: string, name: string, fixture: string, code: string, change: (r: Record<string, string>) => void = () => undefined) {
  const record = JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture), 'utf8')) as Record<string, string>;
  record.ma_thu_tuc = code;
  change(record);
  fs.mkdirSync(path.join(dir, 'bo-thu-nghiem'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'bo-thu-nghiem', name), JSON.stringify(record));
}

beforeAll(async () => {
  database = await createTestDatabase();
  modules = await createModules(database.db, pino({ level: 'silent' }));
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-import-'));
  writeRecord(folder, 'a.json', '3.000347.json', '9.900001');
  writeRecord(folder, 'b.json', '1.014363.json', '9.900002');
  writeRecord(folder, 'c.json', '1.000811.json', '9.900003', (r) => {
    r.truong_moi_chua_biet = 'một trường mà trình nhập chưa biết';
  });
  fs.writeFileSync(path.join(folder, 'bo-thu-nghiem', 'truncated.json'), fs.readFileSync(path.join(FIXTURES, '1.000232.json'), 'utf8').slice(0, 400));
  fs.writeFileSync(path.join(folder, 'bo-thu-nghiem', 'no-code.json'), JSON.stringify({ ten_thu_tuc: 'Thủ tục không có mã' }));
  fs.writeFileSync(path.join(folder, 'bo-thu-nghiem', 'notes.txt'), 'not a record');
});

afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await database?.drop();
});

describe('procedure import', () => {
  it('imports good records, reports bad files by name and goes on', async () => {
    const report = await modules.catalog.importer.importFolder(folder);
    expect(report.read).toBe(5);
    expect(report.imported).toBe(3);
    expect(report.updated).toBe(0);
    expect(report.failed.map((f) => f.file).sort()).toEqual(['bo-thu-nghiem/no-code.json', 'bo-thu-nghiem/truncated.json']);
    expect(report.failed.find((f) => f.file.endsWith('truncated.json'))!.reason).toMatch(/JSON/);
    expect(report.warnings).toContainEqual({ file: 'bo-thu-nghiem/c.json', field: 'truong_moi_chua_biet', kind: 'unknown_field' });
  });

  it('stores the whole structured record with its raw source', async () => {
    await modules.catalog.service.refresh();
    const record = await modules.catalog.service.getProcedure('9.900001');
    expect(record.name).toBe('Đổi giấy phép lái xe');
    expect(record.version).toBe(1);
    expect(record.ministryFolder).toBe('bo-thu-nghiem');
    expect(record.channels.map((c) => [c.channel, c.duration])).toEqual([
      ['online', { value: 5, unit: 'working_days' }],
      ['in_person', { value: 5, unit: 'working_days' }],
    ]);
    const raw = await database.db.selectFrom('catalog_procedure_version').select(['raw', 'source_file']).where('code', '=', '9.900001').executeTakeFirstOrThrow();
    expect((raw.raw as Record<string, string>).ma_thu_tuc).toBe('9.900001');
    expect(raw.source_file).toBe('bo-thu-nghiem/a.json');
  });

  it('is idempotent: a second import changes nothing', async () => {
    const report = await modules.catalog.importer.importFolder(folder);
    expect({ imported: report.imported, updated: report.updated, unchanged: report.unchanged }).toEqual({ imported: 0, updated: 0, unchanged: 3 });
    const versions = await database.db.selectFrom('catalog_procedure_version').select('version').where('code', '=', '9.900001').execute();
    expect(versions).toHaveLength(1);
  });

  it('keeps the old version with its period when a record changes', async () => {
    writeRecord(folder, 'a.json', '3.000347.json', '9.900001', (r) => {
      // The page text is the parser's first source for the tables; change both as a new scrape would.
      r.cach_thuc_thuc_hien = r.cach_thuc_thuc_hien!.replaceAll('5 Ngày làm việc', '3 Ngày làm việc');
      r.raw_text = r.raw_text!.replaceAll('5 Ngày làm việc', '3 Ngày làm việc');
    });
    const effectiveFrom = new Date('2026-12-01T00:00:00+07:00');
    const report = await modules.catalog.importer.importFolder(folder, { effectiveFrom });
    expect(report.updated).toBe(1);
    expect(report.unchanged).toBe(2);
    const v1 = await modules.catalog.service.getProcedureVersion('9.900001', 1);
    const v2 = await modules.catalog.service.getProcedureVersion('9.900001', 2);
    expect(v1.channels[0]!.duration).toEqual({ value: 5, unit: 'working_days' });
    expect(v2.channels[0]!.duration).toEqual({ value: 3, unit: 'working_days' });
    const periods = await database.db
      .selectFrom('catalog_procedure_version')
      .select(['version', 'effective_from', 'effective_to'])
      .where('code', '=', '9.900001')
      .orderBy('version')
      .execute();
    expect(periods[0]!.effective_to?.toISOString()).toBe(effectiveFrom.toISOString());
    expect(periods[1]!.effective_from.toISOString()).toBe(effectiveFrom.toISOString());
    expect(periods[1]!.effective_to).toBeNull();
    await expect(modules.catalog.service.getProcedureVersion('9.900001', 3)).rejects.toMatchObject({ code: 'CATALOG_VERSION_NOT_FOUND' });
  });

  it('refuses a folder that does not exist', async () => {
    await expect(modules.catalog.importer.importFolder(path.join(folder, 'missing'))).rejects.toMatchObject({ code: 'CATALOG_IMPORT_FOLDER_NOT_FOUND' });
  });

  it('imports every record of the shared data set, and the shipped seed is exactly what it makes of them', async () => {
    expect(fs.existsSync(SHARED_RAW), `the shared data set is expected at ${SHARED_RAW}`).toBe(true);
    const report = await modules.catalog.importer.importFolder(SHARED_RAW);
    expect(report.read).toBe(2378);
    expect(report.failed).toEqual([]);
    // The test database was seeded from db/seed/catalog; a parser change without `npm run build:seed`
    // shows up here as updates.
    expect(report.unchanged).toBe(2378);
    expect(report.imported + report.updated).toBe(0);
  }, 120_000);
});
