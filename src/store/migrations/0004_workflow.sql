-- The front door workflow: intake details, routing, screening, record and agency checks,
-- consent, police notification, manager-authorised decisions and referrals (docs/workflow.md).

-- Intake (KCR-6, KCR-7, HCR-3, HCR-4, HCR-9…HCR-13, HCR-17, HCR-20) and routing (HCR-5, HCR-18).
ALTER TABLE contacts ADD COLUMN channel TEXT NOT NULL DEFAULT 'phone';        -- phone, email, portal, form, in_person
ALTER TABLE contacts ADD COLUMN form TEXT NOT NULL DEFAULT '';                -- '', 'red' (safeguarding), 'green' (service request)
ALTER TABLE contacts ADD COLUMN hub_consultation TEXT NOT NULL DEFAULT '';    -- HCR-10: what the hub advised, when a form follows one
ALTER TABLE contacts ADD COLUMN state TEXT NOT NULL DEFAULT 'received';
ALTER TABLE contacts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;            -- optimistic concurrency: a stale writer gets 409
ALTER TABLE contacts ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;            -- HCR-12/13: top of every queue
ALTER TABLE contacts ADD COLUMN queue TEXT NOT NULL DEFAULT 'front-door';     -- front-door, out-of-hours, lado, allocated-worker, returned
ALTER TABLE contacts ADD COLUMN allocated_user_id BIGINT REFERENCES users(id);
ALTER TABLE contacts ADD COLUMN team_id BIGINT REFERENCES teams(id);
ALTER TABLE contacts ADD COLUMN routing_note TEXT NOT NULL DEFAULT '';        -- why it went where it went, in words
ALTER TABLE contacts ADD COLUMN household_domestic_abuse TEXT NOT NULL DEFAULT 'not_asked';   -- KCR-6: yes, no, not_known
ALTER TABLE contacts ADD COLUMN household_mental_illness TEXT NOT NULL DEFAULT 'not_asked';
ALTER TABLE contacts ADD COLUMN household_substance_misuse TEXT NOT NULL DEFAULT 'not_asked';
ALTER TABLE contacts ADD COLUMN household_learning_difficulties TEXT NOT NULL DEFAULT 'not_asked';
ALTER TABLE contacts ADD COLUMN information TEXT NOT NULL DEFAULT '{}';       -- KCR-7 items as a JSON object, id → text
ALTER TABLE contacts ADD COLUMN indicators TEXT NOT NULL DEFAULT '[]';        -- significant-harm indicator ids from the pack (JSON)
ALTER TABLE contacts ADD COLUMN harm_by_another_child INTEGER NOT NULL DEFAULT 0;          -- HCR-3
ALTER TABLE contacts ADD COLUMN allegation_against_professional INTEGER NOT NULL DEFAULT 0; -- HCR-4
ALTER TABLE contacts ADD COLUMN anonymity_limits_explained INTEGER NOT NULL DEFAULT 0;     -- HCR-20
ALTER TABLE contacts ADD COLUMN passing_on_concern_of TEXT NOT NULL DEFAULT '';            -- HCR-14/HCR-33
ALTER TABLE contacts ADD COLUMN receipt_code TEXT NOT NULL DEFAULT '';        -- HCR-16: given to a portal referrer with the reference
ALTER TABLE contact_children ADD COLUMN nhs_number TEXT NOT NULL DEFAULT '';  -- HCR-17
ALTER TABLE contact_children ADD COLUMN role TEXT NOT NULL DEFAULT 'subject'; -- HCR-3: subject, or harming_child
CREATE INDEX contacts_by_queue ON contacts(queue, urgent DESC, received_at);

-- A minimal register for record checks by exact match (KCR-10, HCR-30); the people-matching
-- work replaces the lookup with a fuzzy matcher over the same table.
CREATE TABLE people (
  id ID_PRIMARY_KEY,
  first_names TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT,
  nhs_number TEXT NOT NULL DEFAULT '',
  household TEXT NOT NULL DEFAULT '',          -- a household key: people sharing it live together
  is_child INTEGER NOT NULL DEFAULT 1,
  open_case INTEGER NOT NULL DEFAULT 0,
  allocated_user_id BIGINT REFERENCES users(id),
  team_id BIGINT REFERENCES teams(id),
  child_protection_plan INTEGER NOT NULL DEFAULT 0,
  looked_after INTEGER NOT NULL DEFAULT 0,
  known_history TEXT NOT NULL DEFAULT ''       -- earlier involvement, in words
);
CREATE INDEX people_by_name_dob ON people(last_name, first_names, date_of_birth);
CREATE INDEX people_by_nhs ON people(nhs_number);
CREATE INDEX people_by_household ON people(household);

-- Screening (KCR-11, HCR-30), consent (KCR-4, HCR-25), sharing without parents' knowledge
-- (KCR-15, HCR-26) and whether a crime may have been committed (KCR-13, HCR-28).
CREATE TABLE screenings (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  started_by BIGINT NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',          -- KCR-11/HCR-30 answers as JSON, question id → text
  significant_harm TEXT NOT NULL DEFAULT '',   -- yes, no, not_known
  urgent_action TEXT NOT NULL DEFAULT '',      -- yes, no
  crime_possible TEXT NOT NULL DEFAULT '',     -- yes, no
  consent TEXT NOT NULL DEFAULT '',            -- informed_agreed, informed_only, not_informed
  not_informed_reason TEXT NOT NULL DEFAULT '',-- one of HCR-25's reasons
  not_informed_detail TEXT NOT NULL DEFAULT '',
  sharing_authorised_by BIGINT REFERENCES users(id),
  sharing_authorised_at TEXT,
  sharing_authorisation_reason TEXT NOT NULL DEFAULT '',
  completed_by BIGINT REFERENCES users(id),
  completed_at TEXT
);

CREATE TABLE record_checks (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  child_position INTEGER NOT NULL,
  person_id BIGINT REFERENCES people(id),
  known INTEGER NOT NULL,
  child_protection_plan INTEGER NOT NULL,
  looked_after INTEGER NOT NULL,
  open_case INTEGER NOT NULL,
  household_known TEXT NOT NULL,               -- siblings and adults in the household found, in words
  checked_by BIGINT NOT NULL REFERENCES users(id),
  checked_at TEXT NOT NULL
);
CREATE INDEX record_checks_by_contact ON record_checks(contact_id);

-- KCR-9: who was asked, when, and what they said.
CREATE TABLE agency_checks (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  agency TEXT NOT NULL,
  asked_person TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  response TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX agency_checks_by_contact ON agency_checks(contact_id);

-- KCR-13, HCR-28: a task created when a crime may have been committed, done when the police are told.
CREATE TABLE police_notifications (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  required_at TEXT NOT NULL,
  done_at TEXT,
  done_by BIGINT REFERENCES users(id),
  police_reference TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX police_notifications_by_contact ON police_notifications(contact_id);

-- KCR-16, HCR-31: a proposed outcome, authorised or returned by a manager who did not propose it.
CREATE TABLE decisions (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  outcome TEXT NOT NULL,                       -- the pack's outcome id
  children TEXT NOT NULL,                      -- JSON array of child positions covered (KCR-3)
  sibling_reason TEXT NOT NULL DEFAULT '',     -- why some children are not included
  rationale TEXT NOT NULL,
  next_steps TEXT NOT NULL,
  proposed_by BIGINT NOT NULL REFERENCES users(id),
  proposed_at TEXT NOT NULL,
  status TEXT NOT NULL,                        -- proposed, authorised, returned
  decided_by BIGINT REFERENCES users(id),
  decided_at TEXT,
  return_reason TEXT NOT NULL DEFAULT '',
  policy_version TEXT NOT NULL
);
CREATE INDEX decisions_by_contact ON decisions(contact_id);

-- HCR-29, KCR-2: a contact becomes a referral when the outcome needs an assessment.
CREATE TABLE referrals (
  id ID_PRIMARY_KEY,
  reference TEXT NOT NULL UNIQUE,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  outcome TEXT NOT NULL,
  team TEXT NOT NULL,                          -- the responsible team's queue
  created_at TEXT NOT NULL
);
CREATE INDEX referrals_by_contact ON referrals(contact_id);

-- HCR-5 and the workflow's other notices to staff: shown on the home page until read.
CREATE TABLE staff_notices (
  id ID_PRIMARY_KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  message TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX staff_notices_unread ON staff_notices(user_id, read_at);
