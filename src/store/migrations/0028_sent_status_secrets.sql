-- A status link's secret is not kept once its e-mail is sent (docs/security.md "Referrer status
-- links"): from now on the outbox worker replaces it, in the transaction that marks the e-mail sent,
-- with "[sent: not kept]" (app::WithoutStatusSecrets). This does the same to e-mails sent before.
-- A secret is the 43 characters of base64url after "/status/", and no more; an e-mail holds at
-- most one link. E-mails not yet sent keep theirs: they still have to carry it.
-- sqlite:begin
UPDATE outbox SET body = substr(body, 1, instr(body, '/status/') + 7) || '[sent: not kept]' || substr(body, instr(body, '/status/') + 51) WHERE sent_at IS NOT NULL AND instr(body, '/status/') > 0 AND length(substr(body, instr(body, '/status/') + 8, 43)) = 43 AND substr(body, instr(body, '/status/') + 8, 43) NOT GLOB '*[^A-Za-z0-9_-]*' AND substr(body, instr(body, '/status/') + 51, 1) NOT GLOB '[A-Za-z0-9_-]';
-- sqlite:end
-- postgres:begin
UPDATE outbox SET body = regexp_replace(body, '/status/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])', '/status/[sent: not kept]', 'g') WHERE sent_at IS NOT NULL AND body LIKE '%/status/%';
-- postgres:end
