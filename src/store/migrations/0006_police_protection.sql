-- HCR-28: whether a child was taken into police protection (then a strategy discussion with the police follows).
ALTER TABLE screenings ADD COLUMN police_protection TEXT NOT NULL DEFAULT '';
