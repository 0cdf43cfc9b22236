-- Remembered browsers (docs/decisions.md "Remembered browsers: revoking them"): the device cookies of
-- migration 0040 were trusted on their signature alone, so nothing could take one back. Each browser a
-- user signed in from is now a row here, and a cookie gives trust only while its row is there:
-- disabling the account, a new password (the administrator's or the user's own) and "Forget this
-- browser" delete rows, and the cookie then counts as no cookie. A cookie issued before this
-- migration has no row: its browser is trusted again from its next sign-in.
--
-- `device`: the SHA-256 (hex) of the cookie's id, as device_locks keeps it; a sign-in from the browser
-- gives it a fresh cookie and the row the new id, keeping `id` and `first_remembered_at`.
-- `description`: the browser and system families read from the User-Agent when the cookie was given
-- ("Firefox on Windows"), never the User-Agent itself. `expires_at`: as the cookie's.
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE TABLE IF NOT EXISTS remembered_browsers (
  id ID_PRIMARY_KEY,
  device TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  description TEXT NOT NULL,
  first_remembered_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS remembered_browsers_by_user ON remembered_browsers(user_id, expires_at);
