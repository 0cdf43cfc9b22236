-- Referrer status links (issue 12 point 3; KCR-17, HCR-24, HCR-33): each contact whose referrer may
-- be e-mailed gets an unguessable link to a page that shows only the contact's stage, and after the
-- decision what that referrer may be told. Only the SHA-256 of the link's secret is kept, as with
-- sessions and API tokens: a copy of the database does not open anyone's status page. The links
-- belong to the contact and are purged with it (store/retention_records.cpp).
CREATE TABLE status_links (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by BIGINT REFERENCES users(id),
  revoke_reason TEXT NOT NULL DEFAULT '',
  CHECK (revoked_at IS NULL OR (revoked_by IS NOT NULL AND revoke_reason <> ''))
);
CREATE INDEX status_links_by_contact ON status_links(contact_id, id);
