-- Reopening a contact closed as a duplicate by mistake (docs/decisions.md "Reopening a duplicate"):
-- it returns to the stage it was at when it was closed, so that stage is kept with the link, one row
-- per duplicate. A table of its own rather than a column of contact_duplicates: a migration may run
-- again, and SQLite cannot add a column only if it is missing. Removed with the link (reopened or purged).
CREATE TABLE IF NOT EXISTS contact_duplicate_stages (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  from_state TEXT NOT NULL  -- received, screening or screened
);
-- Duplicates closed before this migration: their stage is what their screening says (none: received;
-- started: screening; completed: screened), the only ways a contact reaches those three stages.
INSERT INTO contact_duplicate_stages (contact_id, from_state)
SELECT d.contact_id, CASE WHEN s.contact_id IS NULL THEN 'received' WHEN s.completed_at IS NULL THEN 'screening'
                          ELSE 'screened' END
FROM contact_duplicates d LEFT JOIN screenings s ON s.contact_id = d.contact_id
WHERE NOT EXISTS (SELECT 1 FROM contact_duplicate_stages x WHERE x.contact_id = d.contact_id);
