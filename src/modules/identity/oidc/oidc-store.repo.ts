import { sql, type Kysely } from 'kysely';
import type { OidcTables } from './oidc.tables.ts';

type Db = Kysely<OidcTables>;

/** All SQL of the provider's artefact storage (see oidc-adapter.ts for the contract). */
export async function upsertPayload(
  db: Db,
  model: string,
  id: string,
  payload: Record<string, unknown>,
  expiresInSeconds: number | undefined,
): Promise<void> {
  const expiresAt = expiresInSeconds ? new Date(Date.now() + expiresInSeconds * 1000) : null;
  const row = {
    model,
    id,
    payload: JSON.stringify(payload),
    grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
    uid: typeof payload.uid === 'string' ? payload.uid : null,
    user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
    expires_at: expiresAt,
  };
  await db
    .insertInto('identity_oidc_payload')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['model', 'id']).doUpdateSet({
        payload: row.payload,
        grant_id: row.grant_id,
        uid: row.uid,
        user_code: row.user_code,
        expires_at: row.expires_at,
      }),
    )
    .execute();
}

export async function findPayload(db: Db, model: string, column: 'id' | 'uid' | 'user_code', value: string): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('identity_oidc_payload')
    .select(['payload', 'consumed_at'])
    .where('model', '=', model)
    .where(column, '=', value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row) return undefined;
  // The provider detects code and refresh-token reuse through `consumed`.
  return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
}

export async function consumePayload(db: Db, model: string, id: string): Promise<void> {
  await db.updateTable('identity_oidc_payload').set({ consumed_at: sql<Date>`now()` }).where('model', '=', model).where('id', '=', id).execute();
}

export async function destroyPayload(db: Db, model: string, id: string): Promise<void> {
  await db.deleteFrom('identity_oidc_payload').where('model', '=', model).where('id', '=', id).execute();
}

/** Revokes every artefact of a grant, whatever its model (logout, code reuse, revocation). */
export async function destroyGrant(db: Db, grantId: string): Promise<void> {
  await db.deleteFrom('identity_oidc_payload').where('grant_id', '=', grantId).execute();
}

/** Removes artefacts that expired more than a day ago; returns how many. */
export async function deleteExpired(db: Db): Promise<number> {
  const result = await db.deleteFrom('identity_oidc_payload').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
