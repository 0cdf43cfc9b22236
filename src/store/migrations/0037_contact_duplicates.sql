-- A contact closed as a duplicate of another (docs/decisions.md "A contact closed as a duplicate"):
-- the same concern sent twice (a professional's written confirmation of their call, HCR-15; a portal
-- form sent again; an e-mail and a call about one incident). One row per duplicate: the contact it
-- duplicates, why, whether the two share a child (else the worker confirmed the same concern), who
-- closed it and when. The contact's state is 'duplicate'; everything it holds stays readable.
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE TABLE IF NOT EXISTS contact_duplicates (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  original_id BIGINT NOT NULL REFERENCES contacts(id),
  reason TEXT NOT NULL,
  shares_child INTEGER NOT NULL,
  closed_by BIGINT NOT NULL REFERENCES users(id),
  closed_at TEXT NOT NULL
);
-- "Duplicates: …" on the original's page, and the original's decision telling their referrers.
CREATE INDEX IF NOT EXISTS contact_duplicates_by_original ON contact_duplicates(original_id);

-- A deadline closed as not applicable: its obligation fell away (the contact it was on is a
-- duplicate, decided on elsewhere). Neither met nor breached, so it leaves `deadlines`, which every
-- queue, count and figure reads, and is kept here, as it was, with when, by whom and why.
CREATE TABLE IF NOT EXISTS deadlines_not_applicable (
  id BIGINT PRIMARY KEY,            -- its id while it was open
  timescale TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  obligation TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  record_reference TEXT NOT NULL,
  team_id BIGINT,
  user_id BIGINT,
  starts_at TEXT NOT NULL,
  due_at TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by BIGINT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deadlines_not_applicable_by_record ON deadlines_not_applicable(record_type, record_id);

-- A kept month of the dashboard (0026) counts a duplicate apart: closing or reopening one changes
-- its month's figures.
-- sqlite:begin
CREATE TRIGGER IF NOT EXISTS performance_duplicates_insert AFTER INSERT ON contact_duplicates BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = NEW.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER IF NOT EXISTS performance_duplicates_delete AFTER DELETE ON contact_duplicates BEGIN INSERT INTO performance_touches (at, forward) SELECT received_at, 0 FROM contacts WHERE id = OLD.contact_id AND received_at < (SELECT cached_until FROM performance_month_state); END;
-- sqlite:end

-- postgres:begin
CREATE OR REPLACE TRIGGER performance_duplicates AFTER INSERT OR UPDATE OR DELETE ON contact_duplicates FOR EACH ROW EXECUTE FUNCTION performance_touch_contact('0');
-- postgres:end
