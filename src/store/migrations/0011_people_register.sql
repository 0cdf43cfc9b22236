-- The people register (docs/matching.md): who is or was known, by every name they had, where they
-- lived, how they are related, and what involvement children's services had. The `people` row holds
-- the current picture (name, date of birth, NHS number, open case, allocated worker); the tables
-- below hold the history the matcher and the register view read.
ALTER TABLE people ADD COLUMN gender TEXT NOT NULL DEFAULT 'not_known';      -- female, male, other, not_known
ALTER TABLE people ADD COLUMN expected_date TEXT;                             -- an unborn child's expected date
ALTER TABLE people ADD COLUMN postcode TEXT NOT NULL DEFAULT '';              -- current, normalised (upper case, no spaces)
ALTER TABLE people ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;          -- visible only to named people
ALTER TABLE people ADD COLUMN restricted_ask TEXT NOT NULL DEFAULT '';        -- whom everyone else asks
ALTER TABLE people ADD COLUMN merged_into BIGINT REFERENCES people(id);       -- set while merged into another record
ALTER TABLE people ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
-- Previous and alternative names (a changed surname, a known-as name, a spelling used elsewhere).
CREATE TABLE person_names (
  id ID_PRIMARY_KEY,
  person_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,                     -- previous, alternative
  first_names TEXT NOT NULL,
  last_name TEXT NOT NULL,
  from_date TEXT,
  to_date TEXT
);
CREATE INDEX person_names_by_person ON person_names(person_id);
CREATE TABLE person_addresses (
  id ID_PRIMARY_KEY,
  person_id BIGINT NOT NULL REFERENCES people(id),
  address TEXT NOT NULL,
  postcode TEXT NOT NULL DEFAULT '',     -- normalised
  from_date TEXT,
  to_date TEXT                           -- empty: lives there now
);
CREATE INDEX person_addresses_by_person ON person_addresses(person_id);
-- person_id is `kind` of related_person_id: "parent" reads "person is a parent of related person".
-- Symmetric kinds (sibling, half_sibling, household_member) are stored once, either way round.
CREATE TABLE relationships (
  id ID_PRIMARY_KEY,
  person_id BIGINT NOT NULL REFERENCES people(id),
  related_person_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,                    -- parent, step_parent, sibling, half_sibling, household_member, partner_of_parent
  from_date TEXT,
  to_date TEXT
);
CREATE INDEX relationships_by_person ON relationships(person_id);
CREATE INDEX relationships_by_related ON relationships(related_person_id);
-- Involvement periods: what children's services did and when, and who holds the case while open.
CREATE TABLE involvements (
  id ID_PRIMARY_KEY,
  person_id BIGINT NOT NULL REFERENCES people(id),
  kind TEXT NOT NULL,                    -- contact, referral, early_help, assessment, child_in_need, child_protection_plan, looked_after
  started_on TEXT NOT NULL,
  ended_on TEXT,                         -- empty: open
  allocated_user_id BIGINT REFERENCES users(id),
  team_id BIGINT REFERENCES teams(id),
  reference TEXT NOT NULL DEFAULT '',    -- the contact or case reference
  summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX involvements_by_person ON involvements(person_id);
-- Restricted records: the only people who see them.
CREATE TABLE restricted_viewers (
  person_id BIGINT NOT NULL REFERENCES people(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (person_id, user_id)
);
-- A merge of two records of one person, undoable: what moved is kept as JSON until undone.
CREATE TABLE person_merges (
  id ID_PRIMARY_KEY,
  kept_person_id BIGINT NOT NULL REFERENCES people(id),
  merged_person_id BIGINT NOT NULL REFERENCES people(id),
  reason TEXT NOT NULL,
  moved TEXT NOT NULL,                   -- JSON: the rows re-pointed from the merged record, to undo
  merged_by BIGINT NOT NULL REFERENCES users(id),
  merged_at TEXT NOT NULL,
  undone_by BIGINT REFERENCES users(id),
  undone_at TEXT
);
-- Every write to the register appends here in the same transaction (store::NotePersonChanged), so
-- each node's in-memory match index catches up with writes made anywhere by reading past its last seq.
CREATE TABLE person_changes (
  seq ID_PRIMARY_KEY,
  person_id BIGINT NOT NULL,
  changed_at TEXT NOT NULL
);
-- The register record a contact's child was confirmed as ("is this child known?").
ALTER TABLE contact_children ADD COLUMN person_id BIGINT REFERENCES people(id);
