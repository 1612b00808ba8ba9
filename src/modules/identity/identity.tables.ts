/** Kysely table interfaces of the identity module (db/migrations/0004_identity_create.sql). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface IdentityAccountTable {
  id: string;
  account_type: string;
  status: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  full_name: string | null;
  date_of_birth: string | null;
  sex: string | null;
  id_number: string | null;
  permanent_province_code: string | null;
  permanent_commune_code: string | null;
  permanent_street: string | null;
  current_province_code: string | null;
  current_commune_code: string | null;
  current_street: string | null;
  locale: Generated<string>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  totp_enabled_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  verified_at: Date | null;
}

export interface IdentityOfficialRoleTable {
  account_id: string;
  agency_code: string;
  role: string;
  granted_at: Timestamp;
}

export interface IdentitySessionTable {
  id: string;
  token_hash: Buffer;
  account_id: string;
  stage: string;
  acr: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface IdentityVerificationCodeTable {
  id: string;
  purpose: string;
  channel: string;
  destination: string;
  account_id: string | null;
  code_hash: Buffer;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Date;
  consumed_at: Date | null;
}

export interface IdentityThrottleTable {
  key: string;
  failures: number;
  window_start: Date;
  locked_until: Date | null;
}

export interface IdentityAuditTable {
  id: Generated<number>;
  account_id: string | null;
  actor_id: string | null;
  action: string;
  ip: string | null;
  user_agent: string | null;
  details: unknown;
  occurred_at: Timestamp;
}

/** db/migrations/0007_identity_eid_link.sql */
export interface IdentityEidLinkTable {
  issuer: string;
  subject: string;
  account_id: string;
  linked_at: Timestamp;
  last_login_at: Timestamp;
}

export interface IdentityTables {
  identity_account: IdentityAccountTable;
  identity_eid_link: IdentityEidLinkTable;
  identity_official_role: IdentityOfficialRoleTable;
  identity_session: IdentitySessionTable;
  identity_verification_code: IdentityVerificationCodeTable;
  identity_throttle: IdentityThrottleTable;
  identity_audit: IdentityAuditTable;
}
