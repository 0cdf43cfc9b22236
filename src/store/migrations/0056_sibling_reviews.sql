-- KCR-3: reviews of an authorised decision's choice of children (docs/decisions.md "Reviewing which
-- children are opened"). One row per review: the children opened before and after it (JSON arrays of
-- the contact's child positions; the same when the review confirmed the choice), the reviewer's
-- judgement, who and when. The decision's own `children` holds the children opened now, so the
-- referral and the returns count each child opened; these rows are the history of the choice.
CREATE TABLE IF NOT EXISTS sibling_reviews (
  id ID_PRIMARY_KEY,
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  decision_id BIGINT NOT NULL REFERENCES decisions(id),
  children_before TEXT NOT NULL,
  children_after TEXT NOT NULL,
  judgement TEXT NOT NULL,
  reviewed_by BIGINT NOT NULL REFERENCES users(id),
  reviewed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sibling_reviews_by_contact ON sibling_reviews(contact_id);
