-- Child Protection Chair consultations (CPC-1…CPC-8; docs/workflow.md "Child Protection Chair
-- consultations"): a social worker's request to the area's inbox, allocated by the Child Protection
-- Coordinator to the duty chair, who arranges it and records it under the CPC-5 headings. Refused
-- requests (CPC-8) leave only an audit event, no row.
CREATE TABLE chair_consultations (
  id ID_PRIMARY_KEY,
  number BIGINT NOT NULL UNIQUE,             -- 1, 2, 3, …: the reference's digits
  reference TEXT NOT NULL UNIQUE,            -- "CPC-000001"
  area TEXT NOT NULL,                        -- the pack's chair_consultation_areas id (CPC-1)
  policy_version TEXT NOT NULL,              -- the pack in force when requested (CRU-5)
  requested_at TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users(id),
  child_first_names TEXT NOT NULL,
  child_last_name TEXT NOT NULL,
  child_date_of_birth TEXT NOT NULL,         -- YYYY-MM-DD
  contact_reference TEXT NOT NULL DEFAULT '',  -- optional: the contact or case it concerns
  reason TEXT NOT NULL,
  strategy_discussion_held INTEGER NOT NULL,   -- CPC-7: 1 flags the request
  strategy_discussion_date TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'requested',    -- requested, allocated, arranged, recorded
  allocated_chair_id BIGINT REFERENCES users(id),  -- CPC-2
  allocated_by BIGINT REFERENCES users(id),
  allocated_at TEXT,
  contacted_at TEXT,                         -- CPC-3: when the chair recorded contacting the worker
  arranged_for TEXT,                         -- the time agreed for the consultation
  held_at TEXT,                              -- CPC-4: the 48 hours count from here
  previous_cp TEXT NOT NULL DEFAULT '',      -- CPC-5: the eight suggested headings
  previous_cin TEXT NOT NULL DEFAULT '',
  previous_proceedings TEXT NOT NULL DEFAULT '',
  previous_cla TEXT NOT NULL DEFAULT '',
  brief_history TEXT NOT NULL DEFAULT '',
  prevention_work TEXT NOT NULL DEFAULT '',
  other_agencies TEXT NOT NULL DEFAULT '',
  family_safety_plan TEXT NOT NULL DEFAULT '',
  recorded_at TEXT,
  person_id BIGINT REFERENCES people(id),    -- the child's register entry, when exactly one matched
  retention_class TEXT NOT NULL DEFAULT '',  -- the pack's class for the record (CPC-4: the child's record)
  review_on TEXT NOT NULL DEFAULT ''         -- YYYY-MM-DD: the record's retention review
);
CREATE INDEX chair_consultations_by_status ON chair_consultations(status, requested_at);
CREATE INDEX chair_consultations_by_chair ON chair_consultations(allocated_chair_id, status);
CREATE INDEX chair_consultations_by_requester ON chair_consultations(requested_by);
CREATE INDEX chair_consultations_by_person ON chair_consultations(person_id);
