-- The outbox: every e-mail frontdoor sends is first a row here, written in the same transaction
-- as the change that causes it, so nothing is sent for a change that rolled back and nothing is
-- lost when the server stops. A sender thread delivers due rows over SMTP with retries and
-- back-off. idempotency_key is unique (one e-mail per purpose per record) and travels as the
-- Message-ID, so a receiver can see a repeat after a crash between send and mark-sent.

CREATE TABLE outbox (
  id ID_PRIMARY_KEY,
  idempotency_key TEXT NOT NULL UNIQUE,  -- "contact:12:acknowledgement"
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  purpose TEXT NOT NULL,                 -- "acknowledgement", "outcome", "received-only", …
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sent_at TEXT,
  failed_at TEXT,                        -- given up after the last attempt; shown to administrators
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(sent_at, failed_at, next_attempt_at);
CREATE INDEX outbox_by_record ON outbox(record_type, record_id);
