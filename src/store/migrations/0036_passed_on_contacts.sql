-- HCR-5: a contact passed at receipt to the allocated worker of a child whose case is open
-- (docs/decisions.md "Passed to the allocated worker, and not lost there"). A team manager may hand it
-- to another social worker (the worker is off sick, has left): each hand-over is a row, with why.
-- The holder records that it is on the child's record: one row a contact, which ends its deadline
-- and lets a professional's status link say where it went (KCR-17).
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE TABLE IF NOT EXISTS contact_hand_overs (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  from_user_id BIGINT NOT NULL REFERENCES users(id),
  to_user_id BIGINT NOT NULL REFERENCES users(id),
  by_user_id BIGINT NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS contact_hand_overs_by_contact ON contact_hand_overs(contact_id);
CREATE TABLE IF NOT EXISTS passed_on_recorded (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  note TEXT NOT NULL
);
