-- Log in with the national e-ID: which upstream identity (issuer + subject) is which account.
-- A citizen is linked, never duplicated: the account holding the same 12-digit ID number gets the link.

CREATE TABLE identity_eid_link (
  issuer        text NOT NULL,
  subject       text NOT NULL,
  account_id    uuid NOT NULL REFERENCES identity_account (id) ON DELETE CASCADE,
  linked_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
COMMENT ON TABLE identity_eid_link IS
  'Links an upstream e-ID identity (VNeID / DVCQG SSO issuer and its stable subject) to one OpenDVC account. Written on the first e-ID login, in the same transaction as the session and the audit entry.';
CREATE INDEX identity_eid_link_account ON identity_eid_link (account_id);

-- An account created by an e-ID login may come without e-mail or phone (the e-ID need not release
-- them): the verified ID number then identifies it. Password accounts still need a contact.
ALTER TABLE identity_account DROP CONSTRAINT identity_account_check;
ALTER TABLE identity_account ADD CONSTRAINT identity_account_contact_check
  CHECK (email IS NOT NULL OR phone IS NOT NULL OR (id_number IS NOT NULL AND password_hash IS NULL));
