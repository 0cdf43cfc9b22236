-- Issue 12 point 1: overdue check requests are chased. A worker's chase tells the agency's partner
-- users again (a notice on their home page) and is counted on the request, which the partner's
-- queue shows beside "Overdue".
ALTER TABLE agency_check_requests ADD COLUMN chases INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agency_check_requests ADD COLUMN last_chased_at TEXT;
