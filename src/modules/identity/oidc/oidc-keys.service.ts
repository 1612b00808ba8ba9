import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { OidcTables } from './oidc.tables.ts';

const DAY_MS = 24 * 3600 * 1000;
// Any fixed number; it only has to be the same for every OpenDVC process on one database.
const KEY_LOCK = 727_002;

export interface SigningKeys {
  /** Private JWKs, newest first: the provider signs with the first. */
  keys: Array<Record<string, unknown>>;
}

/**
 * The provider's signing keys, stored encrypted and rotated: a new RS256 key when the newest is
 * older than `rotateAfterDays`; keys older than twice that are retired (no longer published), by
 * which time no token they signed is still valid.
 */
export async function loadSigningKeys(
  db: Kysely<OidcTables>,
  box: SecretBox,
  options: { rotateAfterDays: number; now?: Date } = { rotateAfterDays: 90 },
): Promise<SigningKeys> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    // Several processes may start together: one of them makes the key.
    await sql`SELECT pg_advisory_xact_lock(${KEY_LOCK})`.execute(tx);
    await tx
      .updateTable('identity_oidc_key')
      .set({ retired_at: now })
      .where('retired_at', 'is', null)
      .where('created_at', '<', new Date(now.getTime() - 2 * options.rotateAfterDays * DAY_MS))
      .execute();
    let keys = await openable(tx, box, now);
    const newest = keys[0];
    if (!newest || newest.createdAt.getTime() < now.getTime() - options.rotateAfterDays * DAY_MS) {
      await tx.insertInto('identity_oidc_key').values(newKey(box, now)).execute();
      keys = await openable(tx, box, now);
    }
    return { keys: keys.map((k) => k.jwk) };
  });
}

/**
 * The active keys this process can decrypt. A key sealed under another application secret (the
 * secret was changed) is retired instead of stopping the portal; tokens it signed stop verifying.
 */
async function openable(db: Kysely<OidcTables>, box: SecretBox, now: Date) {
  const out: Array<{ jwk: Record<string, unknown>; createdAt: Date }> = [];
  for (const row of await activeKeys(db)) {
    try {
      out.push({ jwk: JSON.parse(box.open(row.private_jwk_sealed)) as Record<string, unknown>, createdAt: row.created_at });
    } catch {
      await db.updateTable('identity_oidc_key').set({ retired_at: now }).where('kid', '=', row.kid).execute();
    }
  }
  return out;
}

function activeKeys(db: Kysely<OidcTables>) {
  return db
    .selectFrom('identity_oidc_key')
    .select(['kid', 'private_jwk_sealed', 'created_at'])
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
}

function newKey(box: SecretBox, now: Date) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { kid, private_jwk_sealed: box.seal(JSON.stringify(jwk)), created_at: now };
}
