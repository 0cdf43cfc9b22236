-- KCR-16, HCR-31, HCR-32: a decision other than a strategy discussion where screening found
-- significant harm suspected or urgent action needed is proposed, and authorised, only with a reason
-- for departing from it (docs/decisions.md "A decision against what screening found needs a reason").
-- One row per step: `proposed` (the proposer's reason) and `authorised` (the manager's). A table of its
-- own rather than columns of decisions: a migration may run again, and SQLite cannot add a column only
-- if it is missing.
CREATE TABLE IF NOT EXISTS decision_harm_overrides (
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  step TEXT NOT NULL,  -- proposed or authorised
  reason TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (decision_id, step)
);
