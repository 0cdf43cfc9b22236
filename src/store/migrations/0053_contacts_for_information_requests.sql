-- A contact opened to process a request for information (IR-1, IR-8; docs/decisions.md "Requests for
-- information: no referrer, one address, evidence for a doubt") is named by its request:
-- information_requests.contact_id (0013) is the one link, read both ways. Each e-mail or call to a
-- contact's referrer first asks whether a request names the contact, so that lookup has an index.
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE INDEX IF NOT EXISTS information_requests_by_contact ON information_requests(contact_id);
