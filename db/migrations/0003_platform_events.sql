-- The event log: every state change that another module may react to is appended here in the
-- same transaction as the change, and a job dispatches it to the subscribers (the outbox pattern).

CREATE TABLE platform_event (
  id uuid PRIMARY KEY,
  type text NOT NULL CHECK (type ~ '^[a-z]+(\.[a-z_]+)+$'),
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
COMMENT ON TABLE platform_event IS
  'Append-only log of domain events (e.g. identity.code_issued), written in the transaction of the change; dispatched to subscribing modules by the worker.';
CREATE INDEX platform_event_type_time ON platform_event (type, occurred_at);
