-- Deadline ids are never reused (docs/decisions.md "Deadline ids are never reused"). A deadline
-- closed as not applicable (0037) keeps its id in `deadlines_not_applicable` and takes it back when
-- its duplicate is reopened; an agency check request (0021) names its deadline by id, and the audit
-- trail names the deadlines closed and restored. SQLite gives a new row of an `INTEGER PRIMARY KEY`
-- without AUTOINCREMENT the highest id in the table plus one, so the id of the highest deadline moved
-- out went to the next new deadline, and closing or reopening then failed on the primary key, every
-- time. AUTOINCREMENT keeps the highest id ever given in sqlite_sequence and never gives it again.
--
-- PostgreSQL needs nothing: its identity draws each id from a sequence that only goes up, and an id
-- put back explicitly was drawn from it before.
-- sqlite:begin

-- The table as 0002 made it, AUTOINCREMENT added (which also makes sqlite_sequence, read below).
CREATE TABLE deadlines_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
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

-- A database already in the bad state: a deadline closed as not applicable whose id a newer deadline
-- was given. The newer one keeps it (its "check this date" mark and any agency check name it); the
-- closed one takes a new id above every id given so far, in order.
CREATE TABLE deadline_ids_given (old_id BIGINT PRIMARY KEY, new_id BIGINT NOT NULL, record_type TEXT NOT NULL, record_id BIGINT NOT NULL);
INSERT INTO deadline_ids_given (old_id, new_id, record_type, record_id) SELECT n.id, t.top + ROW_NUMBER() OVER (ORDER BY n.id), n.record_type, n.record_id FROM deadlines_not_applicable n, (SELECT MAX(x) AS top FROM (SELECT COALESCE(MAX(id), 0) AS x FROM deadlines UNION ALL SELECT COALESCE(MAX(id), 0) FROM deadlines_not_applicable UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'deadlines')) t WHERE n.id IN (SELECT id FROM deadlines);
-- Its mark goes with it: moved aside first, as the mark's foreign key is checked at once.
CREATE TABLE deadline_marks_moved AS SELECT g.new_id AS deadline_id, b.bank_holidays_known_until FROM deadlines_not_applicable_past_bank_holidays b JOIN deadline_ids_given g ON g.old_id = b.deadline_id;
DELETE FROM deadlines_not_applicable_past_bank_holidays WHERE deadline_id IN (SELECT old_id FROM deadline_ids_given);
UPDATE deadlines_not_applicable SET id = (SELECT g.new_id FROM deadline_ids_given g WHERE g.old_id = deadlines_not_applicable.id) WHERE id IN (SELECT old_id FROM deadline_ids_given);
INSERT INTO deadlines_not_applicable_past_bank_holidays (deadline_id, bank_holidays_known_until) SELECT deadline_id, bank_holidays_known_until FROM deadline_marks_moved;
-- An agency check of the closed deadline's contact naming the shared id meant the closed deadline
-- (the newer one is on another contact's record, or is not an open deadline of this contact's).
UPDATE agency_check_requests SET deadline_id = (SELECT g.new_id FROM deadline_ids_given g WHERE g.old_id = agency_check_requests.deadline_id) WHERE EXISTS (SELECT 1 FROM deadline_ids_given g WHERE g.old_id = agency_check_requests.deadline_id AND g.record_type = 'contact' AND g.record_id = agency_check_requests.contact_id) AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.id = agency_check_requests.deadline_id AND d.record_type = 'contact' AND d.record_id = agency_check_requests.contact_id);

-- The highest id given so far, by either table or by an earlier run of this migration (whose
-- sqlite_sequence row goes when the table is dropped), so that none is given again.
CREATE TABLE deadline_ids_high_water AS SELECT MAX(x) AS seq FROM (SELECT COALESCE(MAX(id), 0) AS x FROM deadlines UNION ALL SELECT COALESCE(MAX(id), 0) FROM deadlines_not_applicable UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'deadlines');

-- Every row with its id. The "check this date" marks reference `deadlines`: moved aside while it is
-- replaced, so dropping it orphans none; their foreign key then names the new table.
INSERT INTO deadlines_rebuilt (id, timescale, rule_id, obligation, record_type, record_id, record_reference, team_id, user_id, starts_at, due_at, met_at, met_by, policy_version, created_at) SELECT id, timescale, rule_id, obligation, record_type, record_id, record_reference, team_id, user_id, starts_at, due_at, met_at, met_by, policy_version, created_at FROM deadlines;
CREATE TABLE deadline_marks_kept AS SELECT deadline_id, bank_holidays_known_until FROM deadlines_past_bank_holidays;
DELETE FROM deadlines_past_bank_holidays;
DROP TABLE deadlines;
ALTER TABLE deadlines_rebuilt RENAME TO deadlines;
INSERT INTO deadlines_past_bank_holidays (deadline_id, bank_holidays_known_until) SELECT deadline_id, bank_holidays_known_until FROM deadline_marks_kept;
DELETE FROM sqlite_sequence WHERE name = 'deadlines';
INSERT INTO sqlite_sequence (name, seq) SELECT 'deadlines', seq FROM deadline_ids_high_water;

-- Its indexes (0002, 0017) and the kept months' triggers (0026), which went with the old table.
CREATE INDEX deadlines_open_by_due ON deadlines(met_at, due_at);
CREATE INDEX deadlines_by_record ON deadlines(record_type, record_id);
CREATE INDEX deadlines_for_performance ON deadlines(starts_at, team_id, rule_id, timescale, due_at, met_at);
CREATE TRIGGER performance_deadlines_insert AFTER INSERT ON deadlines BEGIN INSERT INTO performance_touches (at, forward) SELECT NEW.starts_at, 0 WHERE NEW.starts_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_deadlines_update AFTER UPDATE ON deadlines BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.starts_at, 0 WHERE OLD.starts_at < (SELECT cached_until FROM performance_month_state); END;
CREATE TRIGGER performance_deadlines_delete AFTER DELETE ON deadlines BEGIN INSERT INTO performance_touches (at, forward) SELECT OLD.starts_at, 0 WHERE OLD.starts_at < (SELECT cached_until FROM performance_month_state); END;

DROP TABLE deadline_ids_given;
DROP TABLE deadline_marks_moved;
DROP TABLE deadline_ids_high_water;
DROP TABLE deadline_marks_kept;
-- sqlite:end
