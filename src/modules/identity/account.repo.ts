/** All SQL on identity_account and identity_official_role. Writes take the transaction first. */
import type { Kysely, Selectable } from 'kysely';
import type { OfficialRole } from './authorization.policy.ts';
import type { AccountStatus, AccountType, AccountWithSecrets, Address, Profile } from './account.types.ts';
import type { Contact } from './contact.workflow.ts';
import type { Sex } from './id-number.workflow.ts';
import type { IdentityAccountTable, IdentityTables } from './identity.tables.ts';

type Db = Kysely<IdentityTables>;

export interface NewAccount {
  id: string;
  type: AccountType;
  status: AccountStatus;
  email: string | null;
  phone: string | null;
  /** Null for an account created by an e-ID login: it has no password until one is set. */
  passwordHash: string | null;
  locale: 'vi' | 'en';
  idNumber?: string | null;
  fullName?: string | null;
  verifiedAt?: Date | null;
}

export async function insertAccount(tx: Db, a: NewAccount): Promise<void> {
  await tx
    .insertInto('identity_account')
    .values({
      id: a.id,
      account_type: a.type,
      status: a.status,
      email: a.email,
      phone: a.phone,
      password_hash: a.passwordHash,
      locale: a.locale,
      id_number: a.idNumber ?? null,
      full_name: a.fullName ?? null,
      verified_at: a.verifiedAt ?? null,
      permanent_province_code: null,
      permanent_commune_code: null,
      permanent_street: null,
      current_province_code: null,
      current_commune_code: null,
      current_street: null,
      date_of_birth: null,
      sex: null,
      totp_secret: null,
      totp_pending_secret: null,
      totp_last_step: null,
      totp_enabled_at: null,
    })
    .execute();
}

/** Replaces a not-yet-verified registration's password (the person started again). */
export async function resetPendingAccount(tx: Db, id: string, passwordHash: string, locale: 'vi' | 'en', type: AccountType): Promise<void> {
  await tx.updateTable('identity_account').set({ password_hash: passwordHash, locale, account_type: type, updated_at: new Date() }).where('id', '=', id).where('status', '=', 'pending').execute();
}

export async function insertRoles(tx: Db, accountId: string, roles: readonly { agencyCode: string; role: OfficialRole }[]): Promise<void> {
  if (roles.length === 0) return;
  await tx.insertInto('identity_official_role').values(roles.map((r) => ({ account_id: accountId, agency_code: r.agencyCode, role: r.role }))).onConflict((oc) => oc.doNothing()).execute();
}

export async function findAccount(db: Db, id: string): Promise<AccountWithSecrets | null> {
  const row = await db.selectFrom('identity_account').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row, await listRoles(db, row.id)) : null;
}

export async function findAccountByContact(db: Db, contact: Contact): Promise<AccountWithSecrets | null> {
  const column = contact.channel === 'email' ? 'email' : 'phone';
  const row = await db.selectFrom('identity_account').selectAll().where(column, '=', contact.value).executeTakeFirst();
  return row ? toAccount(row, await listRoles(db, row.id)) : null;
}

export async function findAccountIdByIdNumber(db: Db, idNumber: string): Promise<string | null> {
  const row = await db.selectFrom('identity_account').select('id').where('id_number', '=', idNumber).executeTakeFirst();
  return row?.id ?? null;
}

async function listRoles(db: Db, accountId: string) {
  const rows = await db.selectFrom('identity_official_role').select(['agency_code', 'role']).where('account_id', '=', accountId).orderBy('agency_code').orderBy('role').execute();
  return rows.map((r) => ({ agencyCode: r.agency_code, role: r.role as OfficialRole }));
}

export async function activateAccount(tx: Db, id: string, at: Date): Promise<void> {
  await tx.updateTable('identity_account').set({ status: 'active', verified_at: at, updated_at: at }).where('id', '=', id).execute();
}

export async function setPasswordHash(tx: Db, id: string, passwordHash: string, at: Date): Promise<void> {
  await tx.updateTable('identity_account').set({ password_hash: passwordHash, updated_at: at }).where('id', '=', id).execute();
}

export async function updateProfile(tx: Db, id: string, profile: Omit<Profile, 'permanentAddress' | 'currentAddress'>, at: Date): Promise<void> {
  await tx
    .updateTable('identity_account')
    .set({ full_name: profile.fullName, date_of_birth: profile.dateOfBirth, sex: profile.sex, id_number: profile.idNumber, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function updateAddress(tx: Db, id: string, kind: 'permanent' | 'current', address: Address, at: Date): Promise<void> {
  const values =
    kind === 'permanent'
      ? { permanent_province_code: address.provinceCode, permanent_commune_code: address.communeCode, permanent_street: address.street }
      : { current_province_code: address.provinceCode, current_commune_code: address.communeCode, current_street: address.street };
  await tx.updateTable('identity_account').set({ ...values, updated_at: at }).where('id', '=', id).execute();
}

export async function setTotp(tx: Db, id: string, change: { secret?: string | null; pending?: string | null; lastStep?: number | null; enabledAt?: Date | null }): Promise<void> {
  const set: Partial<Record<'totp_secret' | 'totp_pending_secret' | 'totp_last_step' | 'totp_enabled_at', unknown>> = {};
  if (change.secret !== undefined) set.totp_secret = change.secret;
  if (change.pending !== undefined) set.totp_pending_secret = change.pending;
  if (change.lastStep !== undefined) set.totp_last_step = change.lastStep;
  if (change.enabledAt !== undefined) set.totp_enabled_at = change.enabledAt;
  await tx.updateTable('identity_account').set(set as never).where('id', '=', id).execute();
}

/** Records a used TOTP step only if it is newer than the last one (two tabs cannot use one code twice). */
export async function claimTotpStep(tx: Db, id: string, step: number): Promise<boolean> {
  const result = await tx
    .updateTable('identity_account')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function toAccount(row: Selectable<IdentityAccountTable>, roles: { agencyCode: string; role: OfficialRole }[]): AccountWithSecrets {
  return {
    id: row.id,
    type: row.account_type as AccountType,
    status: row.status as AccountStatus,
    email: row.email,
    phone: row.phone,
    locale: row.locale === 'en' ? 'en' : 'vi',
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex as Sex | null,
    idNumber: row.id_number,
    permanentAddress: { provinceCode: row.permanent_province_code, communeCode: row.permanent_commune_code, street: row.permanent_street },
    currentAddress: { provinceCode: row.current_province_code, communeCode: row.current_commune_code, street: row.current_street },
    totpEnabled: row.totp_enabled_at !== null,
    roles,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpPendingSecret: row.totp_pending_secret,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  };
}

/** Sets the e-mail or phone of an account; an unverified registration holding the address gives way. */
export async function setContact(tx: Db, id: string, contact: Contact, at: Date): Promise<void> {
  const column = contact.channel === 'email' ? 'email' : 'phone';
  await tx.deleteFrom('identity_account').where(column, '=', contact.value).where('status', '=', 'pending').execute();
  await tx.updateTable('identity_account').set({ [column]: contact.value, updated_at: at }).where('id', '=', id).execute();
}
