-- HCR-15: the reference of the referrer's earlier phone call is a field of the contact (docs/decisions.md
-- "A call's reference is a field of the contact"), read and written with the rest of the contact, as the
-- consultation number is. What became of it stays in call_references (0048).
-- IF NOT EXISTS: a migration may run again; on SQLite, which lacks the clause, the runner looks for the
-- column itself (store/migrations.h). Every statement below may run again too.
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS call_reference TEXT NOT NULL DEFAULT '';

-- The references quoted so far, as 0048 kept them (trimmed, upper case).
UPDATE contacts SET call_reference = (SELECT r.reference_given FROM call_references r WHERE r.contact_id = contacts.id) WHERE call_reference = '' AND EXISTS (SELECT 1 FROM call_references r WHERE r.contact_id = contacts.id);

-- One held among the intake items ("call_reference" in `information`, the way the API and the forms
-- carried it to the use cases) is carried over as the contact's own, kept as a quoted one is kept
-- (trimmed, upper case; never cut short, so nothing is lost), and leaves the items, where it would show
-- as an item of the KCR-7 checklist that does not exist. One differing from a reference already held
-- stays where it is, so that neither is lost.
-- sqlite:begin
UPDATE contacts SET call_reference = upper(trim(json_extract(information, '$.call_reference'), char(32, 9, 10, 13))) WHERE call_reference = '' AND json_valid(information) AND json_type(information, '$.call_reference') = 'text';
UPDATE contacts SET information = json_remove(information, '$.call_reference') WHERE json_valid(information) AND json_type(information, '$.call_reference') = 'text' AND call_reference = upper(trim(json_extract(information, '$.call_reference'), char(32, 9, 10, 13)));
-- sqlite:end
-- postgres:begin
-- Only text naming the item is read as JSON (CASE keeps that order); frontdoor writes it as JSON.
UPDATE contacts SET call_reference = upper(btrim(information::jsonb ->> 'call_reference', E' \t\n\r')) WHERE call_reference = '' AND CASE WHEN information LIKE '%call_reference%' THEN jsonb_typeof(information::jsonb -> 'call_reference') = 'string' ELSE false END;
UPDATE contacts SET information = (information::jsonb - 'call_reference')::text WHERE CASE WHEN information LIKE '%call_reference%' THEN jsonb_typeof(information::jsonb -> 'call_reference') = 'string' AND call_reference = upper(btrim(information::jsonb ->> 'call_reference', E' \t\n\r')) ELSE false END;
-- postgres:end
