-- A password an administrator set is changed at first sign-in (docs/decisions.md "A password an
-- administrator set is changed at first sign-in"): an account here has a password someone else knows
-- (an administrator added the account or set its password), and its holder may do nothing but choose
-- their own until they have. The row goes when they do.
-- A table of its own rather than a column of users: a migration may run again (the runner applies what
-- is above the highest version), and SQLite cannot add a column only if it is missing.
CREATE TABLE IF NOT EXISTS must_change_password (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  since TEXT NOT NULL,
  because TEXT NOT NULL  -- account_created or password_set
);
