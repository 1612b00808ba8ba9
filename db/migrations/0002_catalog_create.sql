-- The national database of administrative procedures (component C1): versioned records,
-- questions and answers, life events.

CREATE TABLE catalog_procedure (
  code text PRIMARY KEY CHECK (code ~ '^\d\.\d{6}$'),
  current_version integer NOT NULL,
  name text NOT NULL,
  sector text,
  levels text[] NOT NULL DEFAULT '{}',
  online boolean NOT NULL DEFAULT false,
  record jsonb NOT NULL,
  content_hash text NOT NULL,
  ministry_folder text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE catalog_procedure IS
  'Current version of each administrative procedure (thủ tục hành chính), keyed by its national code; record holds the whole structured record.';

CREATE TABLE catalog_procedure_version (
  code text NOT NULL REFERENCES catalog_procedure (code) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  record jsonb NOT NULL,
  content_hash text NOT NULL,
  raw jsonb,
  source_file text,
  effective_from timestamptz NOT NULL,
  effective_to timestamptz,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
COMMENT ON TABLE catalog_procedure_version IS
  'Every version of a procedure with the period it was in force; dossiers refer to (code, version). raw keeps the source record for audit and re-parsing.';
CREATE UNIQUE INDEX catalog_procedure_version_open ON catalog_procedure_version (code) WHERE effective_to IS NULL;

CREATE TABLE catalog_question (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  procedure_code text NOT NULL REFERENCES catalog_procedure (code) ON DELETE CASCADE,
  question_vi text NOT NULL,
  answer_vi text NOT NULL,
  question_en text,
  answer_en text,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_code, question_vi)
);
COMMENT ON TABLE catalog_question IS 'Questions and answers (hỏi đáp) attached to a procedure, shown on its page and searchable.';

CREATE TABLE catalog_life_event (
  slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name_vi text NOT NULL,
  name_en text NOT NULL,
  description_vi text NOT NULL,
  description_en text NOT NULL,
  position integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE catalog_life_event IS 'Life events (sự kiện cuộc sống) such as having a baby, each grouping the procedures a person needs.';

CREATE TABLE catalog_life_event_procedure (
  life_event_slug text NOT NULL REFERENCES catalog_life_event (slug) ON DELETE CASCADE,
  procedure_code text NOT NULL REFERENCES catalog_procedure (code) ON DELETE CASCADE,
  position integer NOT NULL,
  note_vi text,
  note_en text,
  PRIMARY KEY (life_event_slug, procedure_code)
);
COMMENT ON TABLE catalog_life_event_procedure IS 'The procedures of a life event, in the order a person usually does them.';

-- Web processes keep an in-memory search index and reload it when the catalog changes.
CREATE FUNCTION catalog_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
CREATE TRIGGER catalog_procedure_changed AFTER INSERT OR UPDATE OR DELETE ON catalog_procedure
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_changed();
CREATE TRIGGER catalog_question_changed AFTER INSERT OR UPDATE OR DELETE ON catalog_question
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_changed();
CREATE TRIGGER catalog_life_event_changed AFTER INSERT OR UPDATE OR DELETE ON catalog_life_event_procedure
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_notify_changed();
