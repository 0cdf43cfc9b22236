-- KCR-14 and issue 8 point 2: a member of the public's identity leaves the front door only on a
-- recorded basis (docs/security.md "Protected referrer identity (KCR-14)"). Both tables belong to the
-- contact and are purged with it (store/retention_records.cpp).

-- The referrer's answers when asked whether their identity may be shared, oldest first: the latest
-- answer stands (a later "no" withdraws an earlier "yes").
CREATE TABLE referrer_consents (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  given INTEGER NOT NULL CHECK (given IN (0, 1)),   -- 1 yes, 0 no
  method TEXT NOT NULL,                             -- phone, in-writing, in-person
  covers TEXT NOT NULL DEFAULT '',                  -- what a yes covers: "may be named to the school"
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX referrer_consents_by_contact ON referrer_consents(contact_id, id);

-- Every time the identity was given to someone outside the front door: to whom, why, and on what
-- basis: the referrer's "yes" (consent_id), or a team manager's authorisation with its reason at the
-- request of a colleague who is not that manager (requested_by, authorised_by).
CREATE TABLE referrer_disclosures (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  recipient_name TEXT NOT NULL,
  recipient_organisation TEXT NOT NULL,
  reason TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('referrer-consent', 'manager-authorisation')),
  consent_id BIGINT REFERENCES referrer_consents(id),
  requested_by BIGINT REFERENCES users(id),
  authorised_by BIGINT REFERENCES users(id),
  authorisation_reason TEXT NOT NULL DEFAULT '',
  disclosed_by BIGINT NOT NULL REFERENCES users(id),
  disclosed_at TEXT NOT NULL,
  CHECK ((basis = 'referrer-consent' AND consent_id IS NOT NULL) OR
         (basis = 'manager-authorisation' AND requested_by IS NOT NULL AND authorised_by IS NOT NULL AND
          authorised_by <> requested_by AND authorisation_reason <> ''))
);
CREATE INDEX referrer_disclosures_by_contact ON referrer_disclosures(contact_id, id);
