-- Deadlines: every obligation a rule creates (decide within 1 working day, acknowledge within
-- 1 working day, …) as a row with its rule, record, due time and when it was met. Whether it is
-- open, met or breached follows from due_at, met_at and the time of asking.

CREATE TABLE deadlines (
  id ID_PRIMARY_KEY,
  timescale TEXT NOT NULL,          -- the pack's timescale id: "decision", "acknowledgement", …
  rule_id TEXT NOT NULL,            -- "KCR-8", "HCR-22", …
  obligation TEXT NOT NULL,         -- what must be done, in words
  record_type TEXT NOT NULL,        -- "contact", …
  record_id BIGINT NOT NULL,
  record_reference TEXT NOT NULL,   -- "FD-2026-000123", for queues and reports
  team_id BIGINT REFERENCES teams(id),
  user_id BIGINT REFERENCES users(id),
  starts_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  met_at TEXT,
  met_by BIGINT REFERENCES users(id),
  policy_version TEXT NOT NULL,     -- the pack version whose timescale applied (CRU-5)
  created_at TEXT NOT NULL
);
CREATE INDEX deadlines_open_by_due ON deadlines(met_at, due_at);
CREATE INDEX deadlines_by_record ON deadlines(record_type, record_id);

-- HCR-22: how and when each contact was acknowledged (e-mail sent, or told on the phone).
CREATE TABLE contact_acknowledgements (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  method TEXT NOT NULL,             -- "verbal" or "email"
  note TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,
  acknowledged_by BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX acknowledgements_by_contact ON contact_acknowledgements(contact_id);
