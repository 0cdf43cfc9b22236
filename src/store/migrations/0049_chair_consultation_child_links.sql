-- A CP chair consultation put on the child's record by hand (CPC-4; docs/decisions.md "A chair
-- consultation is put on the child's record by hand"): the request links the child to the register
-- only when exactly one record matches, so the chair or the coordinator links the others. The person
-- stays in chair_consultations.person_id (merges and retention already follow it there); this row says
-- who linked it, when, and whether they added the child to the register to do so. No row: linked at
-- the request, or not linked.
-- A table of its own rather than columns: a migration may run again, and SQLite cannot add a column
-- only if it is missing.
CREATE TABLE IF NOT EXISTS chair_consultation_child_links (
  consultation_id BIGINT PRIMARY KEY REFERENCES chair_consultations(id),
  linked_by BIGINT NOT NULL REFERENCES users(id),
  linked_at TEXT NOT NULL,
  new_person INTEGER NOT NULL DEFAULT 0  -- 1: the child was added to the register from the consultation
);
