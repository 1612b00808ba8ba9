-- Documents: the files people upload (checked by content, stored once per content under their SHA-256)
-- and the citizen's saved documents (kho giấy tờ, "Giấy tờ của tôi") that forms can reuse.

CREATE TABLE document_file (
  id               uuid PRIMARY KEY,
  sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes       integer NOT NULL CHECK (size_bytes > 0),
  media_type       text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  original_name    text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
  -- No foreign key to identity_account: each module owns its tables (STYLE.md, boundaries 2).
  owner_account_id uuid,
  created_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE document_file IS
  'One uploaded file: its bytes live in the file store under sha256 (shared by every upload of the same content), its type is the one its first bytes show, never the declared one.';
COMMENT ON COLUMN document_file.media_type IS 'Sniffed from the magic bytes: %PDF- (application/pdf), FF D8 FF (image/jpeg), 89 50 4E 47 0D 0A 1A 0A (image/png).';
COMMENT ON COLUMN document_file.original_name IS 'The name the browser sent, NFC-normalised, without path, control or bidirectional-override characters; shown and offered on download only.';
COMMENT ON COLUMN document_file.owner_account_id IS 'Who uploaded it; only they read it through the documents pages. NULL = made by the system (e.g. a receipt).';
CREATE INDEX document_file_owner_idx ON document_file (owner_account_id, created_at DESC);
CREATE INDEX document_file_sha256_idx ON document_file (sha256);

CREATE TABLE document_saved (
  id          uuid PRIMARY KEY,
  account_id  uuid NOT NULL,
  file_id     uuid NOT NULL REFERENCES document_file (id),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('id_card', 'passport', 'birth_certificate', 'marriage_certificate', 'other')),
  issued_by   text CHECK (issued_by IS NULL OR length(issued_by) BETWEEN 1 AND 200),
  issued_on   date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
COMMENT ON TABLE document_saved IS
  'A citizen''s saved document (kho giấy tờ): a titled, typed file they can attach to any dossier without uploading it again. Deleting sets deleted_at; the file stays for the dossiers that use it.';
COMMENT ON COLUMN document_saved.kind IS 'id_card (CCCD/CMND), passport, birth_certificate, marriage_certificate or other.';
CREATE INDEX document_saved_account_idx ON document_saved (account_id, created_at DESC) WHERE deleted_at IS NULL;
