-- FDS-8: the social worker's record of the consultation (questions asked, advice given).
ALTER TABLE consultations ADD COLUMN questions TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN advice TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN advised_by BIGINT REFERENCES users(id);
ALTER TABLE consultations ADD COLUMN advised_at TEXT;
