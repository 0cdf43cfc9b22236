-- Consultations (docs/decisions.md "Consultations"): a professional's request for advice, queued
-- for call-back (FDS-6). A no-named consultation holds nothing that identifies the child (FDS-7).
CREATE TABLE consultations (
  id ID_PRIMARY_KEY,
  number TEXT NOT NULL UNIQUE,             -- FDS-9: unguessable, checksummed, e-mailed after the consultation
  type TEXT NOT NULL,                      -- the pack's consultation type id: no-named, named, hub, cp-chair
  policy_version TEXT NOT NULL,            -- the pack in force when requested (CRU-5)
  requested_at TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  consultee_name TEXT NOT NULL,
  consultee_role TEXT NOT NULL,
  consultee_organisation TEXT NOT NULL,
  consultee_phone TEXT NOT NULL,
  consultee_email TEXT NOT NULL,
  caller_type TEXT NOT NULL,
  summary TEXT NOT NULL,
  safeguarding_lead_consulted INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued'    -- queued, completed
);
CREATE INDEX consultations_queue ON consultations(status, requested_at);
