-- KCR-17, HCR-24: a referrer frontdoor cannot e-mail the outcome to (no address it may use) but who
-- gave a phone number is rung by the social worker who proposed the decision. One row per contact:
-- opened when the decision is authorised, done when that worker (or a colleague) records the call.
-- The pack's `tell-referrer` timescale, when it has one, also opens a deadline (app/referrer_callbacks.h).
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE TABLE IF NOT EXISTS referrer_callbacks (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  decision_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  opened_at TEXT NOT NULL,
  told_at TEXT,
  told_by BIGINT REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
-- A worker's home page lists the referrers still to ring.
CREATE INDEX IF NOT EXISTS referrer_callbacks_open_by_user ON referrer_callbacks(user_id, told_at);
