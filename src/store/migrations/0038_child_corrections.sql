-- A contact's child corrected after receipt (a name or date of birth mistyped on the phone, the right
-- NHS number rung through later): one row per correction, with each field's old and new value (JSON
-- [{"field", "from", "to"}]), who, when and why (app/child_corrections.h). The contact's child holds
-- the details as corrected; this is their history, shown on the contact and in its JSON.
-- link_person_id, link_differs: the register record the child was linked to when corrected, and
-- what of it ("name", "date_of_birth") then disagreed with the corrected details, for a worker to
-- check; cleared when the child is linked again.
CREATE TABLE IF NOT EXISTS child_corrections (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  child_position INTEGER NOT NULL,
  changes TEXT NOT NULL,
  reason TEXT NOT NULL,
  corrected_by BIGINT NOT NULL REFERENCES users(id),
  corrected_at TEXT NOT NULL,
  link_person_id BIGINT REFERENCES people(id),
  link_differs TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS child_corrections_by_contact ON child_corrections(contact_id, child_position);
-- KCR-10, HCR-30: record checks run before a correction answered for the details as they were; they
-- are kept, and say so: one row per such check, with when the details were first corrected after it
-- (a table of its own rather than a column, so that this migration may run again). Removed with the
-- check when the checks are run again, and with the contact.
CREATE TABLE IF NOT EXISTS record_checks_before_correction (
  record_check_id BIGINT PRIMARY KEY REFERENCES record_checks(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  corrected_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS record_checks_before_correction_by_contact ON record_checks_before_correction(contact_id);
