-- The notifications outbox: every e-mail and SMS the portal sends, rendered from a domain event,
-- stored before it is delivered, and delivered by one worker job per message.

CREATE TABLE notification_message (
  id uuid PRIMARY KEY,
  -- No foreign key to platform_event: the event log may be archived while messages are kept.
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 320),
  locale text NOT NULL CHECK (locale IN ('vi', 'en')),
  subject text,
  body text NOT NULL,
  html text,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text,
  transport text,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  -- A re-dispatched event finds its message already there and queues nothing (never sent twice).
  CONSTRAINT notification_message_once UNIQUE (event_id, channel, recipient),
  CONSTRAINT notification_message_sent_at CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  CONSTRAINT notification_message_email_subject CHECK (channel <> 'email' OR subject IS NOT NULL)
);
COMMENT ON TABLE notification_message IS
  'Outbox of e-mails and SMS rendered from domain events (e.g. identity.verification_code_issued); status queued → sent | failed, with attempts and the last delivery error.';
COMMENT ON COLUMN notification_message.transport IS 'Which adapter delivered it: smtp, sms-gateway or mailbox (development only).';
COMMENT ON COLUMN notification_message.expires_at IS 'After this time (a verification code''s expiry) delivery is pointless and is given up.';
CREATE INDEX notification_message_time ON notification_message (created_at DESC);
CREATE INDEX notification_message_recipient_time ON notification_message (lower(recipient), created_at DESC);
