-- Reopening a duplicate (docs/decisions.md "Reopening a duplicate"), two things kept across it.
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).

-- CAL-2, CAL-3: a deadline closed as not applicable keeps its "check this date" mark (0033) here
-- while it is closed, and takes it back when it is restored, as the list stood when it was counted.
-- A table of its own: the mark of an open deadline references `deadlines`, which the closed one left.
CREATE TABLE IF NOT EXISTS deadlines_not_applicable_past_bank_holidays (
  deadline_id BIGINT PRIMARY KEY REFERENCES deadlines_not_applicable(id),
  bank_holidays_known_until TEXT NOT NULL
);

-- HCR-24, KCR-17: calls to a referrer made before a later one was opened for the same contact (a
-- duplicate's referrer told its original's outcome, then the contact reopened and decided on its
-- own). referrer_callbacks (0039) holds the current call, one per contact; these are the earlier
-- ones as they were recorded, one per contact and decision.
CREATE TABLE IF NOT EXISTS referrer_callbacks_earlier (
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  decision_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  opened_at TEXT NOT NULL,
  told_at TEXT,
  told_by BIGINT REFERENCES users(id),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (contact_id, decision_id)
);
