-- Named consultations (CRU-3, HCR-10): the child may be named so the adviser can check the register,
-- the consultee is told only whom to contact when the child or a sibling is open (never history).
ALTER TABLE consultations ADD COLUMN child_first_names TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN child_last_name TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN child_date_of_birth TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN person_id BIGINT REFERENCES people(id);  -- the child's record, once checked
ALTER TABLE consultations ADD COLUMN register_answer TEXT NOT NULL DEFAULT '';  -- what the consultee was told (CRU-3)
-- CRU-4: kept only when the adviser marks the concern as safeguarding; then an IAR is expected.
ALTER TABLE consultations ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN recorded INTEGER NOT NULL DEFAULT 1;
-- HCR-10: the hub's advice (red, green, other), and the later form that followed it.
ALTER TABLE consultations ADD COLUMN advised_route TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN followed_by_contact_id BIGINT REFERENCES contacts(id);
-- Retention (point 7): the pack's class for this record and the day it is next reviewed.
ALTER TABLE consultations ADD COLUMN retention_class TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN review_on TEXT NOT NULL DEFAULT '';
CREATE INDEX consultations_by_person ON consultations(person_id);
-- The consultation a contact follows (CRU-4's IAR, HCR-10's red or green form).
ALTER TABLE contacts ADD COLUMN consultation_id BIGINT REFERENCES consultations(id);
