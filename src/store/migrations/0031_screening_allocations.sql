-- A team manager allocates a contact still at the front door to a named social worker of their team
-- to screen, and may re-allocate it (docs/decisions.md "Allocating screening, and two workers on one
-- child"). One row per contact: the allocation in force; every change is in the audit log
-- (contact.screening_allocated). The allocated worker is the contact's screener.
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE TABLE IF NOT EXISTS screening_allocations (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  allocated_by BIGINT NOT NULL REFERENCES users(id),
  allocated_at TEXT NOT NULL
);
-- A worker's deadlines queue ("mine") takes in the contacts allocated to them.
CREATE INDEX IF NOT EXISTS screening_allocations_by_user ON screening_allocations(user_id);
