/** What the identity services need from the composition root. */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { IdentityTables } from './identity.tables.ts';
import type { PasswordHasher } from './password-hasher.port.ts';

export interface AdminUnitLookup {
  listProvinces(): Promise<readonly { code: string; name: string }[]>;
  listCommunes(provinceCode: string): Promise<readonly { code: string; name: string }[]>;
  /** Whether an agency code exists in the register. */
  agencyExists(code: string): Promise<boolean>;
}

export interface IdentityDeps {
  readonly db: Kysely<IdentityTables>;
  readonly now: () => Date;
  readonly hasher: PasswordHasher;
  /** Keyed digest (HMAC with the session secret) for tokens, codes and throttle keys. */
  readonly digest: (purpose: string, value: string) => Buffer;
  readonly units: AdminUnitLookup;
  readonly logger: Logger;
  /** Encrypts TOTP secrets at rest (AES-256-GCM, key derived from the application secret). */
  readonly box: SecretBox;
}

/** An input problem shown next to a field: a value, not an exception (STYLE habit 5). */
export interface FieldError {
  readonly field: string;
  readonly messageKey: string;
  readonly params?: Record<string, unknown>;
}
