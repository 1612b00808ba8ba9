-- OpenDVC as the OpenID Provider of ministry and province portals: the provider's storage
-- (through its adapter interface), the client registry and the rotating signing keys.

CREATE TABLE identity_oidc_payload (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  uid text,
  user_code text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
COMMENT ON TABLE identity_oidc_payload IS
  'Artefacts of the OpenID Provider (sessions, codes, tokens, grants, interactions), stored through oidc-provider''s adapter interface.';
CREATE INDEX identity_oidc_payload_grant ON identity_oidc_payload (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX identity_oidc_payload_uid ON identity_oidc_payload (uid) WHERE uid IS NOT NULL;
CREATE INDEX identity_oidc_payload_user_code ON identity_oidc_payload (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX identity_oidc_payload_expiry ON identity_oidc_payload (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE identity_oidc_client (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  secret_sealed text NOT NULL,
  metadata jsonb NOT NULL,
  first_party boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  secret_rotated_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE identity_oidc_client IS
  'Registered relying parties (agency portals) and agency systems (client_credentials); the secret is encrypted at rest. first_party = a government portal that needs no consent page.';

CREATE TABLE identity_oidc_key (
  kid text PRIMARY KEY,
  private_jwk_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
COMMENT ON TABLE identity_oidc_key IS
  'Signing keys of the OpenID Provider (JWKS). The newest active key signs; older ones stay published until retired so issued tokens still verify.';
