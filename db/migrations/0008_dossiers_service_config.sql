-- Service configuration (cấu hình dịch vụ công): how one agency runs one procedure online — the form,
-- the documents per case, fees per channel, processing steps and the online level. Versioned: a new
-- version is a new row; dossiers point at the exact row they were filed under.

CREATE TABLE dossier_service_config (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_code   text NOT NULL,
  agency_code      text NOT NULL REFERENCES agency (code),
  version          integer NOT NULL CHECK (version > 0),
  catalog_version  integer NOT NULL,
  definition       jsonb NOT NULL,
  origin           text NOT NULL CHECK (origin IN ('generated', 'edited')),
  created_by       uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_code, agency_code, version)
);
COMMENT ON TABLE dossier_service_config IS 'Versioned service configuration per procedure and agency; version 1 is generated from the catalog record on first use.';
