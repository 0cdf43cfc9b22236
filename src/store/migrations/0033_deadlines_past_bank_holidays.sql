-- CAL-2, CAL-3: a working-days deadline whose count ran past the last year of the bank-holiday list
-- was counted with the days beyond it as working days. Such a deadline has a row here, with the day
-- the list ended on ('' when the list was empty), so the pages can ask for the due time to be checked.
-- A table of its own rather than columns: a migration may run again (SQLite cannot add a column
-- only if it is missing). Deadlines opened before this migration have none: the list is not in the
-- database.
CREATE TABLE IF NOT EXISTS deadlines_past_bank_holidays (
  deadline_id BIGINT PRIMARY KEY REFERENCES deadlines(id),
  bank_holidays_known_until TEXT NOT NULL
);
