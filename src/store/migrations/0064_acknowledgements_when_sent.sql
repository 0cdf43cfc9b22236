-- An acknowledgement is met when it is sent (docs/decisions.md "An acknowledgement is met when it is
-- sent (HCR-22)"). Until now the automatic acknowledgement e-mail was recorded as made, and HCR-22's
-- deadline met, when it was queued in the outbox, so a mail server that never took it left contacts
-- "Met" and the dashboard at 100%. From now on it is recorded when the outbox marks it sent; this puts
-- the contacts recorded before on the same footing: an automatic acknowledgement whose e-mail was sent
-- takes the time it was sent, one whose e-mail was not sent (waiting, or given up on) is no
-- acknowledgement, and the deadline is met by the first acknowledgement left, or is open again.
-- A contact closed as a duplicate is left as it is: closing it left its met deadlines met and moved
-- its open ones aside (0037), and reopening one here would breach a closed contact.
-- Portable SQL, and safe to run again (the runner applies what is above the highest version): after
-- it, an automatic acknowledgement is only ever recorded with its e-mail's sent time.

UPDATE contact_acknowledgements SET acknowledged_at = (SELECT o.sent_at FROM outbox o WHERE o.record_type = 'contact' AND o.record_id = contact_acknowledgements.contact_id AND o.purpose = 'acknowledgement' AND o.sent_at IS NOT NULL) WHERE method = 'email' AND note = 'Automatic e-mail acknowledgement' AND EXISTS (SELECT 1 FROM outbox o WHERE o.record_type = 'contact' AND o.record_id = contact_acknowledgements.contact_id AND o.purpose = 'acknowledgement' AND o.sent_at IS NOT NULL);

DELETE FROM contact_acknowledgements WHERE method = 'email' AND note = 'Automatic e-mail acknowledgement' AND EXISTS (SELECT 1 FROM outbox o WHERE o.record_type = 'contact' AND o.record_id = contact_acknowledgements.contact_id AND o.purpose = 'acknowledgement' AND o.sent_at IS NULL) AND contact_id NOT IN (SELECT contact_id FROM contact_duplicates);

UPDATE deadlines SET met_at = (SELECT MIN(a.acknowledged_at) FROM contact_acknowledgements a WHERE a.contact_id = deadlines.record_id), met_by = (SELECT a.acknowledged_by FROM contact_acknowledgements a WHERE a.contact_id = deadlines.record_id ORDER BY a.acknowledged_at, a.id LIMIT 1) WHERE record_type = 'contact' AND timescale = 'acknowledgement' AND EXISTS (SELECT 1 FROM outbox o WHERE o.record_type = 'contact' AND o.record_id = deadlines.record_id AND o.purpose = 'acknowledgement') AND record_id NOT IN (SELECT contact_id FROM contact_duplicates);
