-- Module identity: accounts (citizens, businesses, organisations, officials), official roles per
-- agency, sessions, one-time verification codes, login throttles and the audit trail.
-- PostgreSQL 15 compatible. Secrets are never stored in clear: passwords as argon2id hashes,
-- session tokens and one-time codes as HMAC-SHA-256 digests, TOTP secrets sealed with AES-256-GCM.

CREATE TABLE identity_account (
  id                     uuid PRIMARY KEY,
  account_type           text NOT NULL CHECK (account_type IN ('citizen', 'business', 'organisation', 'official')),
  status                 text NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
  email                  text UNIQUE CHECK (email = lower(email)),
  phone                  text UNIQUE CHECK (phone ~ '^0\d{9}$'),
  password_hash          text,
  full_name              text,
  date_of_birth          date,
  sex                    text CHECK (sex IN ('male', 'female')),
  id_number              text UNIQUE CHECK (id_number ~ '^\d{12}$'),
  permanent_province_code text REFERENCES admin_unit_province (code),
  permanent_commune_code  text REFERENCES admin_unit_commune (code),
  permanent_street        text,
  current_province_code   text REFERENCES admin_unit_province (code),
  current_commune_code    text REFERENCES admin_unit_commune (code),
  current_street          text,
  locale                 text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  totp_secret            text,
  totp_pending_secret    text,
  totp_last_step         bigint,
  totp_enabled_at        timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  verified_at            timestamptz,
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
COMMENT ON TABLE identity_account IS
  'One person or organisation that logs in. account_type citizen/business/organisation = LoaiTaiKhoan 1/2/3 (DOMAIN 12.2); official = agency staff (roles in identity_official_role). Profile fields prefill forms. status pending = contact not yet verified.';

CREATE TABLE identity_official_role (
  account_id  uuid NOT NULL REFERENCES identity_account (id) ON DELETE CASCADE,
  agency_code text NOT NULL REFERENCES agency (code),
  role        text NOT NULL CHECK (role IN ('intake_officer', 'processing_officer', 'approver', 'finance_officer', 'agency_admin', 'support_agent', 'system_admin')),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, agency_code, role)
);
COMMENT ON TABLE identity_official_role IS 'Roles of an official in an agency; the authorization policy scopes each role to its agency.';
CREATE INDEX identity_official_role_agency ON identity_official_role (agency_code);

CREATE TABLE identity_session (
  id           uuid PRIMARY KEY,
  token_hash   bytea NOT NULL UNIQUE,
  account_id   uuid NOT NULL REFERENCES identity_account (id) ON DELETE CASCADE,
  stage        text NOT NULL CHECK (stage IN ('active', 'second_factor', 'second_factor_enrol')),
  acr          text NOT NULL,
  ip           text,
  user_agent   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
COMMENT ON TABLE identity_session IS
  'Browser sessions. Only an HMAC of the cookie token is stored. stage second_factor* = password accepted, TOTP still due. acr = assurance level of the login.';
CREATE INDEX identity_session_account ON identity_session (account_id) WHERE revoked_at IS NULL;

CREATE TABLE identity_verification_code (
  id          uuid PRIMARY KEY,
  purpose     text NOT NULL CHECK (purpose IN ('register', 'password_reset', 'contact_change', 'login')),
  channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
  destination text NOT NULL,
  account_id  uuid REFERENCES identity_account (id) ON DELETE CASCADE,
  code_hash   bytea NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  consumed_at timestamptz
);
COMMENT ON TABLE identity_verification_code IS
  'One-time 6-digit codes (HMAC digest only), 10 minutes, few attempts. account_id NULL = a decoy flow for an address that must not be revealed as registered or unknown.';
CREATE INDEX identity_verification_code_destination ON identity_verification_code (destination, created_at);

CREATE TABLE identity_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);
COMMENT ON TABLE identity_throttle IS
  'Failed-attempt counters and temporary lockouts, per login identifier (hashed, existing or not) and per client IP; in the database so every web process sees the same counts.';

CREATE TABLE identity_audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  uuid,
  actor_id    uuid,
  action      text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)*$'),
  ip          text,
  user_agent  text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE identity_audit IS
  'Append-only audit trail of identity: logins, failures, lockouts, logouts, registrations, password resets, two-factor changes, role changes, session revocations. account_id = whose account, actor_id = who acted when different.';
CREATE INDEX identity_audit_account ON identity_audit (account_id, occurred_at);
