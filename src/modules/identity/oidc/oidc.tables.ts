import type { ColumnType } from 'kysely';

/** Tables of the OpenID Provider part of identity (db/migrations/0006_identity_oidc_create.sql). */
export interface OidcTables {
  identity_oidc_payload: {
    model: string;
    id: string;
    payload: ColumnType<Record<string, unknown>, string, string>;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    expires_at: Date | null;
    consumed_at: Date | null;
  };
  identity_oidc_client: {
    client_id: string;
    name: string;
    secret_sealed: string;
    metadata: ColumnType<Record<string, unknown>, string, string>;
    first_party: boolean;
    disabled_at: Date | null;
    secret_rotated_at: ColumnType<Date, Date | undefined, Date>;
    created_at: ColumnType<Date, never, never>;
  };
  identity_oidc_key: {
    kid: string;
    private_jwk_sealed: string;
    created_at: ColumnType<Date, Date | undefined, never>;
    retired_at: Date | null;
  };
}
