-- Status sync with agency one-stop systems (DOMAIN §12.1): which agencies an agency system (an OIDC
-- client_credentials client) may sync for, the inbound sync events it sent (idempotency and
-- ordering), and the outbound webhook deliveries of portal events to it (retries, dead letters).

CREATE TABLE dossier_integration (
  client_id      text PRIMARY KEY,
  name           text NOT NULL,
  agency_codes   text[] NOT NULL CHECK (cardinality(agency_codes) > 0),
  webhook_url    text,
  webhook_secret text,
  events         text[] NOT NULL DEFAULT '{}',
  enabled        boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);
COMMENT ON TABLE dossier_integration IS 'An agency system allowed to sync dossiers: its OIDC client id, the agencies it speaks for, and where (and which) portal events are pushed to it. webhook_secret is sealed with the secret box (purpose dossier-webhook-secret).';
CREATE INDEX dossier_integration_agencies_idx ON dossier_integration USING gin (agency_codes) WHERE enabled;

CREATE TABLE dossier_sync_event (
  client_id   text NOT NULL,
  event_id    text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('dossier.created', 'dossier.status_changed')),
  dossier_id  uuid NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('accepted', 'stale')),
  status_code smallint,
  occurred_at timestamptz NOT NULL,
  sequence    bigint NOT NULL DEFAULT 0,
  payload     jsonb,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, event_id)
);
COMMENT ON TABLE dossier_sync_event IS 'Every sync event an agency system sent that was applied (accepted) or recorded without effect (stale, older than the dossier''s last applied sync event); the primary key makes a repeated event id a duplicate. Rejected items are not kept, so they can be sent again once fixed. payload is what was sent, kept for creations and stale events (an applied status change is on the dossier''s timeline, dossier_event). No foreign key or second index: this is the hot path of tens of thousands of events a second.';

CREATE TABLE dossier_webhook_delivery (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id       text NOT NULL REFERENCES dossier_integration (client_id) ON DELETE CASCADE,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  dossier_id      uuid,
  body            text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  replays         integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, client_id)
);
COMMENT ON TABLE dossier_webhook_delivery IS 'One portal event (platform_event id) pushed to one integration''s webhook: the exact JSON body sent on every attempt, retries with backoff, then dead (last error kept) until an admin or the client replays it.';
CREATE INDEX dossier_webhook_delivery_client_idx ON dossier_webhook_delivery (client_id, created_at DESC);
CREATE INDEX dossier_webhook_delivery_dead_idx ON dossier_webhook_delivery (client_id) WHERE status = 'dead';
