import type { Kysely } from 'kysely';
import type { OidcTables } from './oidc.tables.ts';

type Db = Kysely<OidcTables>;

export interface ClientRow {
  clientId: string;
  name: string;
  secretSealed: string;
  metadata: Record<string, unknown>;
  firstParty: boolean;
  disabledAt: Date | null;
  secretRotatedAt: Date;
  createdAt: Date;
}

const columns = [
  'client_id as clientId',
  'name',
  'secret_sealed as secretSealed',
  'metadata',
  'first_party as firstParty',
  'disabled_at as disabledAt',
  'secret_rotated_at as secretRotatedAt',
  'created_at as createdAt',
] as const;

export async function insertClient(db: Db, row: Omit<ClientRow, 'disabledAt' | 'secretRotatedAt' | 'createdAt'>): Promise<void> {
  await db
    .insertInto('identity_oidc_client')
    .values({
      client_id: row.clientId,
      name: row.name,
      secret_sealed: row.secretSealed,
      metadata: JSON.stringify(row.metadata),
      first_party: row.firstParty,
    })
    .execute();
}

export async function findClient(db: Db, clientId: string): Promise<ClientRow | undefined> {
  return db.selectFrom('identity_oidc_client').select(columns).where('client_id', '=', clientId).executeTakeFirst();
}

export async function listClients(db: Db): Promise<ClientRow[]> {
  return db.selectFrom('identity_oidc_client').select(columns).orderBy('created_at').execute();
}

export async function updateSecret(db: Db, clientId: string, secretSealed: string): Promise<boolean> {
  const result = await db
    .updateTable('identity_oidc_client')
    .set({ secret_sealed: secretSealed, secret_rotated_at: new Date() })
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setDisabled(db: Db, clientId: string, disabled: boolean): Promise<boolean> {
  const result = await db
    .updateTable('identity_oidc_client')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
