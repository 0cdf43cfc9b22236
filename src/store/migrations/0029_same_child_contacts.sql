-- KCR-10, HCR-30: finding the other contacts about the same child (store/same_child_records.h).
-- A child is the same when linked to the same register person (contact_children_by_person, 0016),
-- or with the same NHS number, or the same names and date of birth: these two indexes keep each
-- look-up to the few rows of one child, whatever the number of contacts.
CREATE INDEX IF NOT EXISTS contact_children_by_nhs_number ON contact_children(nhs_number);
CREATE INDEX IF NOT EXISTS contact_children_by_birth ON contact_children(date_of_birth, last_name);
