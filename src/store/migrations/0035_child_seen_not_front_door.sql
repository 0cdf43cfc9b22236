-- HCR-32: "the child is seen within 5 working days" is the assessment team's timescale, met in its own
-- assessment after the referral has left the front door; frontdoor no longer opens it (app/workflow.cpp,
-- docs/decisions.md "Clocks that start at intake, and deadlines that can be met"). Those already opened
-- could never be met and counted as front-door breaches: they go. None was ever met (nothing met one).
DELETE FROM deadlines WHERE record_type = 'contact' AND timescale = 'child-seen' AND met_at IS NULL;
