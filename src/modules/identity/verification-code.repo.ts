/** All SQL on identity_verification_code. */
import type { Kysely } from 'kysely';
import type { CodePurpose } from './account.types.ts';
import type { IdentityTables } from './identity.tables.ts';

type Db = Kysely<IdentityTables>;

export interface StoredCode {
  id: string;
  purpose: CodePurpose;
  channel: 'email' | 'sms';
  destination: string;
  accountId: string | null;
  codeHash: Buffer;
  attempts: number;
  expiresAt: Date;
  consumedAt: Date | null;
}

export async function insertCode(tx: Db, c: Omit<StoredCode, 'attempts' | 'consumedAt'> & { createdAt: Date }): Promise<void> {
  await tx
    .insertInto('identity_verification_code')
    .values({ id: c.id, purpose: c.purpose, channel: c.channel, destination: c.destination, account_id: c.accountId, code_hash: c.codeHash, created_at: c.createdAt, expires_at: c.expiresAt, consumed_at: null })
    .execute();
}

/** When codes went to an address for a purpose in the last hour, newest first. */
export async function recentCodeTimes(db: Db, destination: string, purpose: CodePurpose, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('identity_verification_code')
    .select('created_at')
    .where('destination', '=', destination)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.created_at);
}

/** Locks the code row for the check (two parallel guesses cannot both pass the attempt limit). */
export async function findCodeForUpdate(tx: Db, id: string): Promise<StoredCode | null> {
  const row = await tx.selectFrom('identity_verification_code').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    purpose: row.purpose as CodePurpose,
    channel: row.channel as 'email' | 'sms',
    destination: row.destination,
    accountId: row.account_id,
    codeHash: row.code_hash,
    attempts: row.attempts,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
  };
}

export async function countAttempt(tx: Db, id: string): Promise<void> {
  await tx.updateTable('identity_verification_code').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute();
}

export async function consumeCode(tx: Db, id: string, at: Date): Promise<void> {
  await tx.updateTable('identity_verification_code').set({ consumed_at: at }).where('id', '=', id).execute();
}
