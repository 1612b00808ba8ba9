/** Domain types of identity: accounts, profiles, sessions, request context. */
import type { OfficialRole } from './authorization.policy.ts';
import type { Sex } from './id-number.workflow.ts';

export const APPLICANT_TYPES = ['citizen', 'business', 'organisation'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export type AccountType = ApplicantType | 'official';
export type AccountStatus = 'pending' | 'active' | 'disabled';

/** LoaiTaiKhoan of the national portal's SSO (DOMAIN 12.2): 1 citizen, 2 business, 3 organisation. */
export const ACCOUNT_TYPE_CODE = { citizen: '1', business: '2', organisation: '3' } as const satisfies Record<ApplicantType, string>;

export interface Address {
  readonly provinceCode: string | null;
  readonly communeCode: string | null;
  readonly street: string | null;
}

export interface Profile {
  readonly fullName: string | null;
  readonly dateOfBirth: string | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly permanentAddress: Address;
  readonly currentAddress: Address;
}

export interface Account extends Profile {
  readonly id: string;
  readonly type: AccountType;
  readonly status: AccountStatus;
  readonly email: string | null;
  readonly phone: string | null;
  readonly locale: 'vi' | 'en';
  readonly totpEnabled: boolean;
  readonly roles: readonly { agencyCode: string; role: OfficialRole }[];
  readonly createdAt: Date;
}

/** An account together with the stored secrets, for the services that check them. */
export interface AccountWithSecrets extends Account {
  readonly passwordHash: string | null;
  readonly totpSecret: string | null;
  readonly totpPendingSecret: string | null;
  readonly totpLastStep: number | null;
}

export type SessionStage = 'active' | 'second_factor' | 'second_factor_enrol';

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly stage: SessionStage;
  readonly acr: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

/** Where a request came from, for throttles and the audit trail. */
export interface Origin {
  readonly ip: string;
  readonly userAgent: string | null;
}

export type CodePurpose = 'register' | 'password_reset' | 'contact_change' | 'login';

/** Assurance levels recorded per session. */
export const ACR = { password: 'urn:opendvc:acr:password', passwordTotp: 'urn:opendvc:acr:password+totp' } as const;
