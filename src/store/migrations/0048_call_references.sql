-- HCR-15: a professional's written request quoting the reference they were given when they phoned
-- (docs/decisions.md "A written request quoting the call's reference"). One row per contact that
-- quoted one: what was quoted, the phone contact it was recorded as confirming in writing (NULL when
-- it named none awaiting that referrer's confirmation), and what staff are told on the contact. A
-- table of its own rather than columns of contacts: a migration may run again (the runner applies
-- what is above the highest version), and SQLite cannot add a column only if it is missing.
CREATE TABLE IF NOT EXISTS call_references (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  reference_given TEXT NOT NULL,
  call_contact_id BIGINT REFERENCES contacts(id),
  staff_note TEXT NOT NULL
);
-- "Confirmed in writing by …" on the call's page.
CREATE INDEX IF NOT EXISTS call_references_by_call ON call_references(call_contact_id);
