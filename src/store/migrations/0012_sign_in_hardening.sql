-- Sign-in hardening (docs/security.md "Sign-in throttling", "API tokens"). Kept in the store, not in
-- memory, so a lock-out holds across restarts and across every node serving the same database.

-- Every failed sign-in: the username as typed (known or not, so an unknown name is throttled exactly
-- like a real one and the answer tells nobody which accounts exist) and the client address.
-- Never the password.
CREATE TABLE sign_in_failures (
  id ID_PRIMARY_KEY,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_username ON sign_in_failures(username, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures(address, at);

-- A username locked out after too many failures, until `locked_until` (or an administrator unlocks it).
CREATE TABLE sign_in_locks (
  username TEXT PRIMARY KEY,
  locked_at TEXT NOT NULL,
  locked_until TEXT NOT NULL
);

-- API tokens for system integrations: only the SHA-256 of the token is kept. A token acts for one
-- user and only within its scopes (comma-separated scope names, see app/permissions.h).
CREATE TABLE api_tokens (
  id ID_PRIMARY_KEY,
  name TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
