-- Read audit (issue 8 point 3): opening a person, a contact, a consultation or a referrer's identity
-- appends a view event, and the data protection officer lists who viewed a person's records
-- (app/record_access.*). The listing starts from the person and walks to their records, then to
-- each record's view events, newest first; these indexes keep every step a lookup, however long the
-- register or the audit log.
-- The records merged into a person (their views are the kept person's too).
CREATE INDEX people_by_merged_into ON people(merged_into);
-- The contacts whose children are linked to a person (also the register view's "contacts").
CREATE INDEX contact_children_by_person ON contact_children(person_id);
-- One record's events of one kind in order: the listing finds and counts a person's view events from
-- this index alone, and reads the events themselves only for the page shown.
CREATE INDEX audit_by_record_action ON audit_events(record_type, record_id, action, seq);
