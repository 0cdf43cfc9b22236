-- HCR-34: before a case moves to another team, the holding team records how it responded to risk
-- and confirms the protective factors.
ALTER TABLE decisions ADD COLUMN protective_factors TEXT NOT NULL DEFAULT '';
