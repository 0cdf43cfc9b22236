-- Issue 12 point 2: the lawful-basis ledger. Every disclosure into or out of frontdoor (a check
-- request to a partner agency and its answer, the outcome e-mailed to a referrer, an answer to a
-- request for information, a statutory return) is one row: what items, about whom, to or from whom,
-- on which of the pack's lawful bases, authorised by whom, when, and what caused it (app/disclosures.h).
-- The ledger outlives the records it names: retention unlinks a purged contact or person from it
-- (store/retention_records.cpp) but keeps the row, so the record that something was shared remains.
CREATE TABLE disclosures (
  id ID_PRIMARY_KEY,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  items TEXT NOT NULL,                     -- JSON array of item names: ["name", "date_of_birth"]
  counterpart_kind TEXT NOT NULL,          -- agency, organisation, email, person
  counterpart TEXT NOT NULL,               -- "police", "Ofsted", "head@school.sch.uk"
  lawful_basis TEXT NOT NULL CHECK (lawful_basis <> ''),  -- the pack's [[lawful_bases]] id
  policy_version TEXT NOT NULL,            -- the pack whose basis it is (CRU-5)
  authorised_by BIGINT REFERENCES users(id),  -- empty where the basis needs no one's authorisation
  recorded_by BIGINT REFERENCES users(id),    -- who made it (the partner user, for an answer in)
  disclosed_at TEXT NOT NULL,
  cause_kind TEXT NOT NULL,                -- agency-check, referrer-message, information-request, export
  cause_id TEXT NOT NULL,                  -- the check request id, the outbox idempotency key, …
  detail TEXT NOT NULL DEFAULT ''          -- for an export: which return and period
);
CREATE INDEX disclosures_by_cause ON disclosures(cause_kind, cause_id);

-- About whom: a register person, and/or a contact's child (contact id and child position). A child
-- linked to the register later is found through contact_children (ListPersonDisclosures).
CREATE TABLE disclosure_subjects (
  disclosure_id BIGINT NOT NULL REFERENCES disclosures(id),
  person_id BIGINT REFERENCES people(id),
  contact_id BIGINT REFERENCES contacts(id),
  child_position INTEGER
);
CREATE INDEX disclosure_subjects_by_disclosure ON disclosure_subjects(disclosure_id);
CREATE INDEX disclosure_subjects_by_person ON disclosure_subjects(person_id);
CREATE INDEX disclosure_subjects_by_contact ON disclosure_subjects(contact_id, child_position);
