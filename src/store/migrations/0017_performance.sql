-- The performance dashboard (issue 9; docs/dashboard.md). Every figure starts from the records of a
-- period, found by a range on their time; these indexes keep each step a range scan or a lookup
-- that reads the index alone, however many years of records the store holds.
-- Contacts received in a period, with what they are counted by (team, source, returned or not).
CREATE INDEX contacts_for_performance ON contacts(received_at, team_id, referrer_type, queue);
-- A contact's authorised decision: when, and its outcome.
CREATE INDEX decisions_for_performance ON decisions(contact_id, status, decided_at, outcome);
-- A contact's first acknowledgement (HCR-22).
CREATE INDEX acknowledgements_for_performance ON contact_acknowledgements(contact_id, acknowledged_at);
-- Deadlines that arose in a period, counted by rule and state.
CREATE INDEX deadlines_for_performance ON deadlines(starts_at, team_id, rule_id, timescale, due_at, met_at);
-- Consultations requested in a period.
CREATE INDEX consultations_by_requested ON consultations(requested_at);
CREATE INDEX chair_consultations_by_requested ON chair_consultations(requested_at);
