-- Idempotency keys of machine intake (issue 12 point 4; docs/api.md "Idempotency keys"): a system
-- that resends a contact after a lost answer gets the first answer again, never a second contact.
-- A key belongs to the account that sent it (each integration's token acts for its own account), so
-- two integrations cannot collide. Written in the same transaction as the contact, so a key is
-- never stored without its contact nor a contact acknowledged without its key.
-- Kept 30 days (expired keys are deleted by the next write of a key), and purged with the contact
-- (store/retention_records.cpp). Holds no personal data: the body is kept only as its SHA-256.
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL REFERENCES users(id),
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,        -- SHA-256 of the request body in canonical JSON
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_contact ON idempotency_keys(contact_id);
CREATE INDEX idempotency_keys_by_created ON idempotency_keys(created_at);
