-- Issue 12 point 1: partner agency checks (KCR-9, KCR-4, KCR-15, HCR-26). A social worker screening
-- a contact sends a check request to a partner agency; the agency's partner users answer it.
-- A partner user belongs to one agency (the pack's [[partner_agencies]] id); '' for every other role.
ALTER TABLE users ADD COLUMN agency TEXT NOT NULL DEFAULT '';

-- One request: to which agency, what is asked, on which lawful basis, how urgent and by when; and,
-- once answered, the answer, by whom and when. The people it names are in agency_check_subjects;
-- the answer is also written to agency_checks (KCR-9's record of who was asked and what they said).
CREATE TABLE agency_check_requests (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  agency TEXT NOT NULL,
  question TEXT NOT NULL,
  lawful_basis TEXT NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('urgent', 'standard')),
  requested_by BIGINT NOT NULL REFERENCES users(id),
  requested_at TEXT NOT NULL,
  due_at TEXT,                          -- from the pack's timescale; none when the pack has none
  deadline_id BIGINT,                   -- the deadline it opened, met by the answer
  answer TEXT,
  answered_by BIGINT REFERENCES users(id),
  answered_at TEXT
);
CREATE INDEX agency_check_requests_by_agency ON agency_check_requests(agency, answered_at, requested_at);
CREATE INDEX agency_check_requests_by_contact ON agency_check_requests(contact_id);

-- Whom the request is about: only the contact's children the worker chose (positions), copied at
-- sending so the partner sees exactly what was sent, however the contact changes afterwards.
CREATE TABLE agency_check_subjects (
  request_id BIGINT NOT NULL REFERENCES agency_check_requests(id),
  child_position INTEGER NOT NULL,
  first_names TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (request_id, child_position)
);
