-- The dashboard's figures in plain SQL, for the sqlite3 command-line tool: the baseline that
-- bench/dashboard_bench runs on the same file beside frontdoor (issue 9 point 4; docs/dashboard.md
-- defines each figure). Parameters, set with `.parameter set` before this script:
--   @start, @end  the period as UTC instants ("2026-08-31T23:00:00Z"), end excluded
--   @now          the moment the figures are judged at
--   @team         a team id, or NULL for all teams
-- Output: one line per figure row, "figure|breakdown|count or numerator|denominator".
--
-- Two things frontdoor's code works out that plain SQL cannot: the authority's local date
-- (Europe/London; British Summer Time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
-- last Sunday of October, written out below) and "1 working day" by the pack's calendar, which SQL
-- takes from the due time of the contact's own HCR-27 (decision) and HCR-22 (acknowledgement)
-- deadline, worked out by that calendar when the deadline was made.

CREATE TEMP TABLE pc AS
SELECT c.id, c.received_at, c.referrer_type, c.queue = 'returned' AS returned,
  (SELECT d.decided_at FROM decisions d WHERE d.contact_id = c.id AND d.status = 'authorised'
   ORDER BY d.decided_at, d.id LIMIT 1) AS decided_at,
  (SELECT d.outcome FROM decisions d WHERE d.contact_id = c.id AND d.status = 'authorised'
   ORDER BY d.decided_at, d.id LIMIT 1) AS outcome,
  (SELECT MIN(a.acknowledged_at) FROM contact_acknowledgements a WHERE a.contact_id = c.id) AS acknowledged_at,
  EXISTS (SELECT 1 FROM referrals r WHERE r.contact_id = c.id) AS referred,
  (SELECT x.due_at FROM deadlines x WHERE x.record_type = 'contact' AND x.record_id = c.id
   AND x.timescale = 'decision') AS decision_due,
  (SELECT x.due_at FROM deadlines x WHERE x.record_type = 'contact' AND x.record_id = c.id
   AND x.timescale = 'acknowledgement') AS acknowledgement_due,
  CASE WHEN c.received_at >= date(substr(c.received_at, 1, 4) || '-03-31', '-6 days', 'weekday 0') || 'T01:00:00Z'
        AND c.received_at < date(substr(c.received_at, 1, 4) || '-10-31', '-6 days', 'weekday 0') || 'T01:00:00Z'
       THEN date(c.received_at, '+1 hour') ELSE date(c.received_at) END AS local_date
FROM contacts c
WHERE c.received_at >= @start AND c.received_at < @end AND (@team IS NULL OR c.team_id = @team);

SELECT 'contacts-by-source', referrer_type, COUNT(*), '' FROM pc GROUP BY referrer_type;
SELECT 'contacts-by-day', local_date, COUNT(*), '' FROM pc GROUP BY local_date;

SELECT 'decisions-in-time', 'all',
  SUM(decided_at IS NOT NULL AND decided_at <= decision_due),
  SUM(decided_at IS NOT NULL OR @now > decision_due)
FROM pc WHERE NOT returned;
SELECT 'decisions-in-time', 'pending', SUM(decided_at IS NULL AND @now <= decision_due), ''
FROM pc WHERE NOT returned;
SELECT 'acknowledgements-in-time', 'all',
  SUM(acknowledged_at IS NOT NULL AND acknowledged_at <= acknowledgement_due),
  SUM(acknowledged_at IS NOT NULL OR @now > acknowledgement_due)
FROM pc WHERE NOT returned;
SELECT 'acknowledgements-in-time', 'pending', SUM(acknowledged_at IS NULL AND @now <= acknowledgement_due), ''
FROM pc WHERE NOT returned;

SELECT 'conversion', 'all', SUM(referred), COUNT(*) FROM pc;

SELECT 'outcomes', outcome, COUNT(*), (SELECT COUNT(*) FROM pc WHERE decided_at IS NOT NULL)
FROM pc WHERE decided_at IS NOT NULL GROUP BY outcome;
SELECT 'outcomes', 'undecided', COUNT(*), '' FROM pc WHERE decided_at IS NULL AND NOT returned;
SELECT 'outcomes', 'returned', COUNT(*), '' FROM pc WHERE returned;

CREATE TEMP TABLE pk AS
SELECT k.type, k.status = 'completed' AS advised, k.advised_route
FROM consultations k JOIN users u ON u.id = k.recorded_by
WHERE k.requested_at >= @start AND k.requested_at < @end AND (@team IS NULL OR u.team_id = @team)
UNION ALL
SELECT 'cp-chair', h.status = 'recorded', ''
FROM chair_consultations h JOIN users u ON u.id = h.requested_by
WHERE h.requested_at >= @start AND h.requested_at < @end AND (@team IS NULL OR u.team_id = @team);
SELECT 'consultations-by-type', type, COUNT(*), '' FROM pk GROUP BY type;
SELECT 'consultation-advice',
  CASE WHEN NOT advised THEN 'awaiting-advice' WHEN advised_route <> '' THEN advised_route ELSE 'advice-given' END,
  COUNT(*), ''
FROM pk GROUP BY 2;

-- Re-referrals: a referral from the period's contacts about a child (a subject linked to the
-- register) who had another referral whose contact was received earlier, on or after the same
-- local date a year before.
CREATE TEMP TABLE pr AS
SELECT r.id AS referral_id, c.id AS contact_id, c.received_at, c.local_date, cc.person_id
FROM pc c JOIN referrals r ON r.contact_id = c.id
LEFT JOIN contact_children cc ON cc.contact_id = c.id AND cc.role = 'subject' AND cc.person_id IS NOT NULL;
SELECT 're-referrals', 'all',
  COUNT(DISTINCT CASE WHEN EXISTS (
    SELECT 1 FROM contact_children ec JOIN contacts e ON e.id = ec.contact_id
    JOIN referrals er ON er.contact_id = e.id
    WHERE ec.person_id = pr.person_id AND ec.role = 'subject' AND e.id <> pr.contact_id
      AND e.received_at <= pr.received_at
      AND CASE WHEN e.received_at >= date(substr(e.received_at, 1, 4) || '-03-31', '-6 days', 'weekday 0') || 'T01:00:00Z'
                AND e.received_at < date(substr(e.received_at, 1, 4) || '-10-31', '-6 days', 'weekday 0') || 'T01:00:00Z'
               THEN date(e.received_at, '+1 hour') ELSE date(e.received_at) END >= date(pr.local_date, '-1 year'))
    THEN referral_id END),
  COUNT(DISTINCT CASE WHEN person_id IS NOT NULL THEN referral_id END)
FROM pr;
SELECT 're-referrals', 'not-matched', COUNT(*), ''
FROM (SELECT referral_id FROM pr GROUP BY referral_id HAVING COUNT(person_id) = 0);

SELECT 'deadlines', timescale || ':' ||
  CASE WHEN met_at IS NOT NULL AND met_at > due_at THEN 'met-late'
       WHEN met_at IS NOT NULL THEN 'met-on-time'
       WHEN due_at < @now THEN 'breached' ELSE 'open' END,
  COUNT(*), ''
FROM deadlines
WHERE starts_at >= @start AND starts_at < @end AND (@team IS NULL OR team_id = @team)
GROUP BY 2;
