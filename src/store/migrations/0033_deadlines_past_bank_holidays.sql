-- CAL-2, CAL-3: a working-days deadline whose count ran past the last year of the bank-holiday list
-- was counted with the days beyond it as working days; it says so, and which day the list ended on
-- ('' when the list was empty), so the pages can ask for the due time to be checked.
-- Deadlines opened before this migration are not flagged: the list is not in the database.
ALTER TABLE deadlines ADD COLUMN counted_without_bank_holidays INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deadlines ADD COLUMN bank_holidays_known_until TEXT NOT NULL DEFAULT '';
