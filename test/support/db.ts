import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.ts';
import { withDatabase } from './urls.ts';

export interface TestDatabase {
  // biome-ignore lint: tests use the untyped handle as often as the typed one
  readonly db: Kysely<any>;
  readonly pool: pg.Pool;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated and seeded template: real PostgreSQL, no shared rows.
 * Call `drop()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('templateDatabase');
  const testRunPid = template.split('_')[2];
  const name = `opendvc_t_${testRunPid}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  // biome-ignore lint: see above
  const database = openDatabase<any>(url, { poolSize: 4, applicationName: 'opendvc-test' });
  return {
    db: database.db,
    pool: database.pool,
    url,
    async drop() {
      await database.close();
      const client = new pg.Client(adminUrl);
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
