-- The dashboard's re-referrals (issue 9 point 4; docs/dashboard.md "Speed"): the subjects of a range
-- of contacts and the register records they are linked to, read from this index alone in contact
-- order, instead of a lookup of each child's row.
CREATE INDEX contact_children_for_performance ON contact_children(contact_id, role, person_id);
