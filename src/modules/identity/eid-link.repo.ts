/** All SQL on identity_eid_link: which e-ID identity (issuer + subject) is which account. */
import type { Kysely } from 'kysely';
import type { IdentityTables } from './identity.tables.ts';

type Db = Kysely<IdentityTables>;

export async function findLinkedAccountId(db: Db, issuer: string, subject: string): Promise<string | null> {
  const row = await db.selectFrom('identity_eid_link').select('account_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
  return row?.account_id ?? null;
}

/** Whether an e-ID identity is linked to the account: its ID number was then confirmed by the e-ID. */
export async function hasLink(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('identity_eid_link').select('account_id').where('account_id', '=', accountId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function insertLink(tx: Db, link: { accountId: string; issuer: string; subject: string; at: Date }): Promise<void> {
  await tx
    .insertInto('identity_eid_link')
    .values({ account_id: link.accountId, issuer: link.issuer, subject: link.subject, linked_at: link.at, last_login_at: link.at })
    .execute();
}

export async function touchLink(tx: Db, issuer: string, subject: string, at: Date): Promise<void> {
  await tx.updateTable('identity_eid_link').set({ last_login_at: at }).where('issuer', '=', issuer).where('subject', '=', subject).execute();
}

export async function listLinks(db: Db, accountId: string): Promise<{ issuer: string; subject: string; linkedAt: Date; lastLoginAt: Date }[]> {
  const rows = await db.selectFrom('identity_eid_link').selectAll().where('account_id', '=', accountId).orderBy('linked_at').execute();
  return rows.map((r) => ({ issuer: r.issuer, subject: r.subject, linkedAt: new Date(r.linked_at), lastLoginAt: new Date(r.last_login_at) }));
}
