-- The holiday calendar administrators approve (DOMAIN §6.5): per year, the days off and the Saturdays
-- worked that the deadline engine uses instead of the proposal built from the Labour Code and
-- db/seed/holidays. Every approval is a new version (append-only); the pending edits of a year live in
-- its draft until someone approves them.

CREATE TABLE dossier_holiday_calendar (
  year              integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  version           integer NOT NULL CHECK (version > 0),
  calendar          jsonb NOT NULL CHECK (jsonb_typeof(calendar) = 'object' AND calendar->>'year' = year::text),
  note              text CHECK (char_length(note) <= 1000),
  approved_by       uuid,
  approved_by_name  text NOT NULL,
  approved_via      text NOT NULL CHECK (approved_via IN ('web', 'cli')),
  ip                text,
  user_agent        text,
  approved_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, version)
);
COMMENT ON TABLE dossier_holiday_calendar IS 'Approved holiday calendars (HolidayCalendarYear JSON), one row per approval and year, never changed: the latest version of a year is in force. Also the audit trail of approvals (who, from where, when).';
COMMENT ON COLUMN dossier_holiday_calendar.approved_by IS 'The approving account (identity_account.id); null when an operator approved with the opendvc holidays command.';

-- An approval is history: it is never edited nor removed.
CREATE FUNCTION dossier_holiday_calendar_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_holiday_calendar is append-only: approve a new version instead';
END;
$$;
CREATE TRIGGER dossier_holiday_calendar_append_only BEFORE UPDATE OR DELETE ON dossier_holiday_calendar
  FOR EACH ROW EXECUTE FUNCTION dossier_holiday_calendar_refuse_change();

-- Every process keeps the approved calendars in memory for the deadline engine and reloads them on this.
CREATE FUNCTION dossier_holiday_calendar_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dossier_holiday_calendar_changed', NEW.year::text);
  RETURN NULL;
END;
$$;
CREATE TRIGGER dossier_holiday_calendar_changed AFTER INSERT ON dossier_holiday_calendar
  FOR EACH ROW EXECUTE FUNCTION dossier_holiday_calendar_notify();

CREATE TABLE dossier_holiday_calendar_draft (
  year             integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
  calendar         jsonb NOT NULL CHECK (jsonb_typeof(calendar) = 'object' AND calendar->>'year' = year::text),
  base_version     integer NOT NULL CHECK (base_version >= 0),
  updated_by       uuid,
  updated_by_name  text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE dossier_holiday_calendar_draft IS 'A year''s calendar being edited by administrators, started from the version in force (base_version, 0 = the proposal); removed when approved or discarded. Not used by the deadline engine.';
