-- KCR-10, HCR-30: a record check on a restricted record, run by someone not named on it, holds whom to
-- ask instead of the plan, looked-after and open-case answers it could not read (NULL: nothing
-- withheld). Before, such a check stored "no" for each. Those earlier checks are the only ones whose
-- household text starts with the restricted record's phrase: they are marked withheld, never read as
-- "no" again.
ALTER TABLE record_checks ADD COLUMN withheld_ask TEXT;
UPDATE record_checks
   SET withheld_ask = substr(household_known, length('A restricted record exists: ask ') + 1)
 WHERE household_known LIKE 'A restricted record exists: ask %';
