-- The row /readyz and `serve`/`migrate` write to learn whether this database takes writes
-- (docs/decisions.md "Restore, readiness and the database's permissions"): a database that answers
-- reads but refuses writes (read-only to the service's user, a full disk) is not ready. Written,
-- never read: no record of anyone's is touched by the check.
-- IF NOT EXISTS and the INSERT's guard: a migration may run again.
CREATE TABLE IF NOT EXISTS readiness_checks (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at TEXT NOT NULL
);
INSERT INTO readiness_checks (id, checked_at)
SELECT 1, '1970-01-01T00:00:00Z' WHERE NOT EXISTS (SELECT 1 FROM readiness_checks WHERE id = 1);
