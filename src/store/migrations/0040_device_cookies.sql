-- Device cookies (docs/security.md "Throttling and lock-out", OWASP "Slow Down Online Guessing Attacks
-- with Device Cookies"): a browser that has signed in as a user holds a signed cookie naming them, and
-- failures from it count against that browser alone, so a stranger's guesses at a username lock out
-- the strangers, not the worker at their own desk.

-- A failed sign-in (or wrong current password) from a trusted browser: the browser is the SHA-256 of
-- its cookie's id (never the cookie). Kept apart from sign_in_failures, which count against the
-- username; both count against the address. IF NOT EXISTS: a migration may run again (the runner
-- applies what is above the highest version).
CREATE TABLE IF NOT EXISTS device_sign_in_failures (
  id ID_PRIMARY_KEY,
  device TEXT NOT NULL,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS device_sign_in_failures_by_device ON device_sign_in_failures(device, at);
CREATE INDEX IF NOT EXISTS device_sign_in_failures_by_address ON device_sign_in_failures(address, at);
CREATE INDEX IF NOT EXISTS device_sign_in_failures_by_username ON device_sign_in_failures(username);

-- A trusted browser locked after too many failures of its own, until `locked_until`; as sign_in_locks,
-- an expired row is the floor below which its failures no longer count. `username`: the account the
-- cookie names, so an administrator's unlock of that account lifts its browsers' locks too.
CREATE TABLE IF NOT EXISTS device_locks (
  device TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  locked_until TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS device_locks_by_username ON device_locks(username);

-- The key that signs device cookies (HMAC-SHA-256), made by the first sign-in that needs it, one for
-- every node sharing the database. Whoever can read it could make trusted cookies and guess without
-- locking the account (the per-address limit still holds); they could as well take the password
-- hashes beside it and guess offline, so it is kept as those are.
CREATE TABLE IF NOT EXISTS device_cookie_keys (
  id INTEGER PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
);
