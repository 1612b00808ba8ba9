-- Dossiers (hồ sơ): from the citizen's draft to the returned result. The current state lives on
-- `dossier`; every change is also an appended `dossier_event` written in the same transaction
-- (with its idempotency key), which is the timeline and the audit trail.

CREATE TABLE dossier (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                 text UNIQUE,
  procedure_code       text NOT NULL,
  procedure_name       text NOT NULL,
  catalog_version      integer NOT NULL,
  service_config_id    uuid REFERENCES dossier_service_config (id),
  agency_code          text NOT NULL REFERENCES agency (code),
  status               text NOT NULL CHECK (status IN ('draft', 'submitted', 'received', 'refused', 'processing', 'supplement_requested',
                         'payment_requested', 'withdrawn', 'stopped', 'resolved', 'returned', 'in_transit')),
  channel              text NOT NULL CHECK (channel IN ('online', 'in_person', 'postal')),
  origin               text NOT NULL DEFAULT 'portal' CHECK (origin IN ('portal', 'desk', 'sync')),
  owner_account_id     uuid,
  submitter_account_id uuid,
  applicant            jsonb NOT NULL DEFAULT '{}',
  submitter            jsonb,
  applicant_id_number  text,
  case_key             text,
  answers              jsonb NOT NULL DEFAULT '{}',
  summary              text,
  duration             jsonb,
  submitted_at         timestamptz,
  received_at          timestamptz,
  due_at               timestamptz,
  original_due_at      timestamptz,
  paused_at            timestamptz,
  resume_status        text,
  supplement_due_at    timestamptz,
  extended             boolean NOT NULL DEFAULT false,
  supplement_count     integer NOT NULL DEFAULT 0,
  step_index           integer NOT NULL DEFAULT 0,
  holder_account_id    uuid,
  result               jsonb,
  resolved_at          timestamptz,
  finished_at          timestamptz,
  external_id          text,
  sync_client_id       text,
  last_sync_at         timestamptz,
  last_sync_sequence   bigint,
  seq                  integer NOT NULL DEFAULT 0,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE dossier IS 'One application for a procedure at an agency; status uses the national status codes (see dossier.types.ts).';
CREATE INDEX dossier_owner_idx ON dossier (owner_account_id, updated_at DESC);
CREATE INDEX dossier_submitter_idx ON dossier (submitter_account_id, updated_at DESC) WHERE submitter_account_id IS NOT NULL;
CREATE INDEX dossier_queue_idx ON dossier (agency_code, status, due_at);
CREATE UNIQUE INDEX dossier_external_idx ON dossier (sync_client_id, external_id) WHERE external_id IS NOT NULL;

-- Daily per-agency counter behind the dossier code {agency}-{yyMMdd}-{NNNN} (DOMAIN §5.1).
CREATE TABLE dossier_code_counter (
  agency_code text NOT NULL,
  day         date NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossier_event (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id      uuid NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
  seq             integer NOT NULL,
  type            text NOT NULL,
  status_from     text,
  status_to       text,
  actor_kind      text NOT NULL CHECK (actor_kind IN ('applicant', 'official', 'system', 'agency_system')),
  actor_id        text,
  actor_name      text,
  internal        boolean NOT NULL DEFAULT false,
  idempotency_key text,
  data            jsonb NOT NULL DEFAULT '{}',
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, seq)
);
CREATE UNIQUE INDEX dossier_event_idempotency_idx ON dossier_event (dossier_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE dossier_file (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id      uuid NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
  requirement_key text NOT NULL,
  file_id         uuid NOT NULL,
  name            text NOT NULL,
  media_type      text NOT NULL,
  size_bytes      integer NOT NULL,
  purpose         text NOT NULL CHECK (purpose IN ('submission', 'supplement', 'result')),
  event_id        uuid,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_file_dossier_idx ON dossier_file (dossier_id);

CREATE TABLE dossier_rating (
  dossier_id   uuid PRIMARY KEY REFERENCES dossier (id) ON DELETE CASCADE,
  question_set text NOT NULL,
  scores       jsonb NOT NULL,
  comment      text,
  rated_by     uuid,
  rated_at     timestamptz NOT NULL DEFAULT now()
);
