/** All SQL on identity_session. */
import type { Kysely, Selectable } from 'kysely';
import type { Session, SessionStage } from './account.types.ts';
import type { IdentitySessionTable, IdentityTables } from './identity.tables.ts';

type Db = Kysely<IdentityTables>;

export async function insertSession(
  tx: Db,
  s: { id: string; tokenHash: Buffer; accountId: string; stage: SessionStage; acr: string; ip: string | null; userAgent: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto('identity_session')
    .values({ id: s.id, token_hash: s.tokenHash, account_id: s.accountId, stage: s.stage, acr: s.acr, ip: s.ip, user_agent: s.userAgent, created_at: s.now, last_seen_at: s.now, expires_at: s.expiresAt, revoked_at: null })
    .execute();
}

/** A live (not revoked, not expired) session by token digest. */
export async function findLiveSession(db: Db, tokenHash: Buffer, now: Date): Promise<Session | null> {
  const row = await db
    .selectFrom('identity_session')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? toSession(row) : null;
}

export async function listLiveSessions(db: Db, accountId: string, now: Date): Promise<Session[]> {
  const rows = await db
    .selectFrom('identity_session')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('stage', '=', 'active')
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}

export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('identity_session').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function promoteSession(tx: Db, id: string, acr: string): Promise<void> {
  await tx.updateTable('identity_session').set({ stage: 'active', acr }).where('id', '=', id).execute();
}

/** Revokes sessions of an account: one (`id`), all but one (`except`), or all. Returns the ids revoked. */
export async function revokeSessions(tx: Db, accountId: string, now: Date, filter: { id?: string; except?: string } = {}): Promise<string[]> {
  let query = tx.updateTable('identity_session').set({ revoked_at: now }).where('account_id', '=', accountId).where('revoked_at', 'is', null);
  if (filter.id) query = query.where('id', '=', filter.id);
  if (filter.except) query = query.where('id', '!=', filter.except);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

function toSession(row: Selectable<IdentitySessionTable>): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    stage: row.stage as SessionStage,
    acr: row.acr,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}
