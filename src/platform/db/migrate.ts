import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

// Any fixed number works; it only has to be the same for every OpenDVC process on one database.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies the plain-SQL migrations in `dir` (NNNN_module_what.sql) that the database has not seen,
 * each in its own transaction. An advisory lock lets several processes start at once safely.
 * Throws when an applied migration's file was changed afterwards.
 */
export async function runMigrations(pool: pg.Pool, dir: string): Promise<MigrationResult> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const file of files) {
      const sql = await fs.readFile(path.join(dir, file), 'utf8');
      const checksum = await sha256(sql);
      const seen = done.get(file);
      if (seen !== undefined) {
        if (seen !== checksum) {
          throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file, checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file);
    }
    return { applied, skipped: files.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function sha256(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
