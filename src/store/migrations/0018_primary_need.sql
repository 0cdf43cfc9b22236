-- The child's primary need, as the Children in Need census codes it (N0…N9), recorded with the
-- decision that makes a referral (issue 9 point 3; docs/reports.md). Empty: not recorded, which
-- the census's rule 8610 lists before a return is made.
ALTER TABLE decisions ADD COLUMN primary_need TEXT NOT NULL DEFAULT '';
