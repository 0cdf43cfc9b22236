-- Foundation schema: accounts, sessions, contacts and the audit log.
-- Times are UTC, ISO 8601 text ending in Z ("2026-11-24T09:30:00Z"): they sort as text and read the
-- same in SQLite and PostgreSQL. CAL-1: shown to people in the authority's local time.

CREATE TABLE teams (
  id ID_PRIMARY_KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
  id ID_PRIMARY_KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  team_id BIGINT REFERENCES teams(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- A session is found by the SHA-256 of its cookie token, so a copy of this table cannot be replayed.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Per-year counters for human references (FD-2026-000123), taken inside the write transaction.
CREATE TABLE reference_counters (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_value BIGINT NOT NULL,
  PRIMARY KEY (prefix, year)
);

CREATE TABLE contacts (
  id ID_PRIMARY_KEY,
  reference TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  referrer_type TEXT NOT NULL,
  referrer_anonymous INTEGER NOT NULL,
  referrer_name TEXT NOT NULL,
  referrer_role TEXT NOT NULL,
  referrer_agency TEXT NOT NULL,
  referrer_phone TEXT NOT NULL,
  referrer_email TEXT NOT NULL,
  concern TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX contacts_newest_first ON contacts(received_at DESC, id DESC);

CREATE TABLE contact_children (
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  position INTEGER NOT NULL,
  first_names TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT,
  expected_date TEXT,
  gender TEXT NOT NULL,
  address TEXT NOT NULL,
  school TEXT NOT NULL,
  PRIMARY KEY (contact_id, position)
);

-- The audit log: append-only, each event chained to the one before by SHA-256 (see src/audit/).
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  changes TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_record ON audit_events(record_type, record_id);

-- The chain's head, one row: appending updates it in the same transaction, which also serialises
-- appenders, and deleting events from the end no longer goes unnoticed.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
