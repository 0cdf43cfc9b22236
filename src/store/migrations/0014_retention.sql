-- Retention (issue 8 point 5): records are purged when their pack retention period ends, and the
-- audit events about a purged record lose their payload ("changes") while the chain still verifies.
-- From this migration on an event's hash covers the SHA-256 of its payload (changes_hash), not the
-- payload itself, so the payload can be erased and the chain recomputed from the hash. Events
-- written before it (changes_hash NULL) hash the payload itself and are never erased.
ALTER TABLE audit_events ADD COLUMN changes_hash TEXT;
-- The sequence number of the "retention.purged" event that erased this event's payload, or NULL.
ALTER TABLE audit_events ADD COLUMN erased_by BIGINT;
