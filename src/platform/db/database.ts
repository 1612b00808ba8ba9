import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';

// NUMERIC and BIGINT come back as strings by default; counts and amounts in VND fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
// DATE stays a plain 'yyyy-mm-dd' string: legal dates have no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db<T> = Kysely<T>;
export type Tx<T> = Transaction<T>;

export interface Database<T = unknown> {
  readonly db: Kysely<T>;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

/** Opens a pooled connection to PostgreSQL. */
export function openDatabase<T>(url: string, options: { poolSize?: number; applicationName?: string } = {}): Database<T> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'opendvc',
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}
