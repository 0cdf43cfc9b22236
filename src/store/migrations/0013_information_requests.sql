-- Requests for information from other agencies (IR-1…IR-10; docs/information-requests.md): the
-- request and its evidence, the decision (returned for evidence, or routed), the manager's review
-- (IR-7) and exactly what was shared, with whom, how, when and on whose authority, so a later
-- request about the same person builds on it (IR-7).
CREATE TABLE information_requests (
  id ID_PRIMARY_KEY,
  reference TEXT NOT NULL UNIQUE,              -- "IR-2026-000001"
  type TEXT NOT NULL,                          -- the pack's information_request_types id
  policy_version TEXT NOT NULL,                -- the pack in force when received (CRU-5)
  received_at TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  requester_name TEXT NOT NULL,
  requester_organisation TEXT NOT NULL,
  requester_role TEXT NOT NULL DEFAULT '',
  requester_email TEXT NOT NULL DEFAULT '',    -- where an e-mailed answer would go (IR-2, IR-6, KCR-5)
  requester_phone TEXT NOT NULL DEFAULT '',
  subject_first_names TEXT NOT NULL DEFAULT '',
  subject_last_name TEXT NOT NULL DEFAULT '',
  subject_date_of_birth TEXT NOT NULL DEFAULT '',
  person_id BIGINT REFERENCES people(id),      -- the register record, when found or chosen
  details TEXT NOT NULL DEFAULT '',            -- what is asked for
  identity_in_doubt INTEGER NOT NULL DEFAULT 0,      -- IR-10
  safeguarding_purpose INTEGER NOT NULL DEFAULT 0,   -- IR-3
  consent INTEGER NOT NULL DEFAULT 0,                -- IR-3, IR-4
  signed_parental_consent INTEGER NOT NULL DEFAULT 0,-- IR-5
  identity_verified INTEGER NOT NULL DEFAULT 0,      -- IR-10
  investigatory_body INTEGER NOT NULL DEFAULT 0,     -- IR-9
  reasons TEXT NOT NULL DEFAULT '',                  -- IR-7: why, and the context
  -- received, returned, routed, awaiting-review, approved, answered, refused
  status TEXT NOT NULL DEFAULT 'received',
  register_state TEXT NOT NULL DEFAULT '',     -- unknown, open, closed, adult-known: at the decision
  route TEXT NOT NULL DEFAULT '',              -- allocated-worker, contact, adult-contact, front-door, data-protection-team
  route_note TEXT NOT NULL DEFAULT '',
  legal_helpdesk INTEGER NOT NULL DEFAULT 0,   -- IR-8
  allocated_user_id BIGINT REFERENCES users(id),
  contact_id BIGINT REFERENCES contacts(id),   -- IR-1: the contact opened for a closed case
  missing_evidence TEXT NOT NULL DEFAULT '[]', -- JSON [{check, rule, needed}] at the last decision
  decided_at TEXT,
  decided_by BIGINT REFERENCES users(id),
  proposed_items TEXT NOT NULL DEFAULT '[]',   -- JSON [{kind, text}]: what is to be sent, for review (IR-7)
  proposed_to TEXT NOT NULL DEFAULT '',
  proposed_channel TEXT NOT NULL DEFAULT '',
  proposed_by BIGINT REFERENCES users(id),
  refused_reason TEXT NOT NULL DEFAULT '',
  refused_by BIGINT REFERENCES users(id),
  refused_at TEXT
);
CREATE INDEX information_requests_by_status ON information_requests(status, received_at);
CREATE INDEX information_requests_by_route ON information_requests(route, status);
CREATE INDEX information_requests_by_worker ON information_requests(allocated_user_id, status);
CREATE INDEX information_requests_by_person ON information_requests(person_id);
-- Each piece of evidence as it was recorded: who said what, when (IR-3, IR-4, IR-5, IR-7, IR-9, IR-10).
CREATE TABLE information_request_evidence (
  id ID_PRIMARY_KEY,
  request_id BIGINT NOT NULL REFERENCES information_requests(id),
  kind TEXT NOT NULL,                          -- the check id, or "reasons"
  detail TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX information_request_evidence_by_request ON information_request_evidence(request_id);
-- IR-7: a manager reviews what is to be sent before it goes.
CREATE TABLE information_request_reviews (
  id ID_PRIMARY_KEY,
  request_id BIGINT NOT NULL REFERENCES information_requests(id),
  decision TEXT NOT NULL,                      -- approved, returned
  note TEXT NOT NULL DEFAULT '',
  items TEXT NOT NULL,                         -- JSON [{kind, text}]: exactly what was approved
  shared_to TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT '',
  reviewed_by BIGINT NOT NULL REFERENCES users(id),
  reviewed_at TEXT NOT NULL
);
CREATE INDEX information_request_reviews_by_request ON information_request_reviews(request_id);
-- What was shared (IR-7): one row per answer sent, its items below, so later requests build on it.
CREATE TABLE information_shared (
  id ID_PRIMARY_KEY,
  request_id BIGINT NOT NULL REFERENCES information_requests(id),
  person_id BIGINT REFERENCES people(id),
  shared_to TEXT NOT NULL,                     -- the address, or the person spoken to
  organisation TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL,                       -- email, phone, post, in-person
  shared_at TEXT NOT NULL,
  shared_by BIGINT NOT NULL REFERENCES users(id),
  authorised_by BIGINT NOT NULL REFERENCES users(id)  -- the reviewing manager (IR-7), or whoever sent it
);
CREATE INDEX information_shared_by_request ON information_shared(request_id);
CREATE INDEX information_shared_by_person ON information_shared(person_id);
CREATE TABLE information_shared_items (
  id ID_PRIMARY_KEY,
  shared_id BIGINT NOT NULL REFERENCES information_shared(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX information_shared_items_by_shared ON information_shared_items(shared_id);
