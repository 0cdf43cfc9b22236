-- KCR-10, HCR-30: the same child by date of birth and names is matched with the surname in lower
-- case (store/same_child_records.cpp), which the index of 0029 on the surname as typed could not
-- serve: every contact child born on that day was read. Indexed on the expression the query uses.
DROP INDEX IF EXISTS contact_children_by_birth;
CREATE INDEX IF NOT EXISTS contact_children_by_birth_and_name ON contact_children(date_of_birth, LOWER(last_name));
