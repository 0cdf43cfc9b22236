-- Police domestic-abuse notifications received in daily batches (issue 12 point 4; docs/workflow.md
-- "Police notifications"), each checked against the people register, graded from the force's risk
-- level and triaged by a team manager. Not the police_notifications table of 0004, which records the
-- front door telling the police about a contact.

-- One upload: who sent it, when, and what became of its rows.
CREATE TABLE police_batches (
  id ID_PRIMARY_KEY,
  received_at TEXT NOT NULL,
  received_by BIGINT NOT NULL REFERENCES users(id),
  format TEXT NOT NULL CHECK (format IN ('csv', 'json')),
  rows_total INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_repeated INTEGER NOT NULL,   -- force references already imported with the same details
  rows_refused INTEGER NOT NULL
);

-- One notification. The force reference is its idempotency key: a resent batch finds its rows here
-- and creates nothing. children, adults and matches are JSON arrays (what the force sent, and the
-- register's candidates for each child when it was imported).
CREATE TABLE police_da_notifications (
  id ID_PRIMARY_KEY,
  batch_id BIGINT NOT NULL REFERENCES police_batches(id),
  force_reference TEXT NOT NULL UNIQUE,
  request_hash TEXT NOT NULL,       -- SHA-256 of the notification as sent, to tell a resend from a clash
  notified_at TEXT NOT NULL,
  risk_level TEXT NOT NULL CHECK (risk_level IN ('standard', 'medium', 'high')),
  grade TEXT NOT NULL CHECK (grade IN ('urgent', 'medium', 'standard')),
  grade_rank INTEGER NOT NULL,      -- 0 urgent, 1 medium, 2 standard: the triage queue's order
  incident_summary TEXT NOT NULL,
  officer TEXT NOT NULL,
  officer_email TEXT NOT NULL,
  children TEXT NOT NULL,
  adults TEXT NOT NULL,
  matches TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('awaiting-triage', 'closed', 'contact-opened')),
  decision_reason TEXT,
  decided_at TEXT,
  decided_by BIGINT REFERENCES users(id),
  contact_id BIGINT REFERENCES contacts(id),
  received_at TEXT NOT NULL
);
CREATE INDEX police_da_notifications_queue ON police_da_notifications(status, grade_rank, notified_at, id);
CREATE INDEX police_da_notifications_by_contact ON police_da_notifications(contact_id);
