-- The in-app inbox (Thông báo): one row per event and account, shown at /tai-khoan/thong-bao.
-- The text is rendered when the page is shown, in the reader's language, from the stored kind and
-- parameters, so a message never needs translating twice.

CREATE TABLE notification_inbox (
  id          uuid PRIMARY KEY,
  -- No foreign key to platform_event nor identity_account: each module owns its tables.
  event_id    uuid NOT NULL,
  account_id  uuid NOT NULL,
  kind        text NOT NULL CHECK (kind ~ '^[a-z]+\.[a-z_]+$'),
  params      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  -- A re-dispatched event finds its message already there (never shown twice).
  CONSTRAINT notification_inbox_once UNIQUE (event_id, account_id)
);
COMMENT ON TABLE notification_inbox IS
  'In-app messages of an account (e.g. dossier status changes), rendered in the reader''s language from kind + params; read_at NULL = unread.';
COMMENT ON COLUMN notification_inbox.kind IS 'The event type the message tells of, e.g. dossier.received.';
COMMENT ON COLUMN notification_inbox.params IS 'What the text needs: dossier id and code, procedure name, times, reasons, items asked for.';
CREATE INDEX notification_inbox_account_time ON notification_inbox (account_id, created_at DESC);
CREATE INDEX notification_inbox_unread ON notification_inbox (account_id) WHERE read_at IS NULL;
