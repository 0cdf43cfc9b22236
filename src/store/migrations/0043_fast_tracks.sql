-- HCR-13: a contact at imminent risk of significant harm fast-tracked to the assessment team (the
-- pack's [routing] referral_team) for immediate action, while the front door still screens and
-- decides on it. One row per contact: at receipt (the indicator that meant imminent risk) or by a
-- worker's hand (their reason). The team's queue reads these rows; the contact page shows its own.
-- IF NOT EXISTS: a migration may run again (the runner applies what is above the highest version).
CREATE TABLE IF NOT EXISTS contact_fast_tracks (
  contact_id BIGINT PRIMARY KEY REFERENCES contacts(id),
  team TEXT NOT NULL,
  indicator TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  by_user BIGINT REFERENCES users(id),
  at TEXT NOT NULL
);
-- The assessment team's queue, newest first.
CREATE INDEX IF NOT EXISTS contact_fast_tracks_by_team ON contact_fast_tracks(team, at);
