/** All SQL on identity_audit (append-only). */
import type { Kysely } from 'kysely';
import type { Origin } from './account.types.ts';
import type { IdentityTables } from './identity.tables.ts';

export interface AuditEntry {
  action: string;
  accountId?: string | null;
  actorId?: string | null;
  origin?: Origin | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(tx: Kysely<IdentityTables>, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('identity_audit')
    .values({
      action: entry.action,
      account_id: entry.accountId ?? null,
      actor_id: entry.actorId ?? null,
      ip: entry.origin?.ip ?? null,
      user_agent: entry.origin?.userAgent?.slice(0, 400) ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<IdentityTables>, accountId: string, limit = 50) {
  return db.selectFrom('identity_audit').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
}
