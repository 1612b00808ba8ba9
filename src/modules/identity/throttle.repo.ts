/** All SQL on identity_throttle: atomic counters, so parallel guesses from several processes add up. */
import { sql, type Kysely } from 'kysely';
import type { IdentityTables } from './identity.tables.ts';
import type { ThrottleRule } from './throttle.workflow.ts';

type Db = Kysely<IdentityTables>;

/** The latest lock among `keys` still in force at `now`, or null. */
export async function lockedUntil(db: Db, keys: readonly string[], now: Date): Promise<Date | null> {
  if (keys.length === 0) return null;
  const row = await db
    .selectFrom('identity_throttle')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return (row?.until as Date | null | undefined) ?? null;
}

/** Counts one failure; starts a new window when the old one is over; locks at the limit. Returns the lock end, if any. */
export async function recordFailure(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const lockEnd = new Date(now.getTime() + rule.lockMs);
  const result = await sql<{ locked_until: Date | null }>`
    INSERT INTO identity_throttle AS t (key, failures, window_start, locked_until)
    VALUES (${key}, 1, ${now}, ${rule.maxFailures <= 1 ? lockEnd : null})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_start < ${windowStart} THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start < ${windowStart} THEN ${now} ELSE t.window_start END,
      locked_until = CASE
        WHEN (CASE WHEN t.window_start < ${windowStart} THEN 1 ELSE t.failures + 1 END) >= ${rule.maxFailures} THEN ${lockEnd}
        ELSE t.locked_until END
    RETURNING locked_until`.execute(db);
  const until = result.rows[0]?.locked_until ?? null;
  return until && until > now ? until : null;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('identity_throttle').where('key', '=', key).execute();
}
