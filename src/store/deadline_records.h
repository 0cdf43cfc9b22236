// Deadlines in the store. Backend-neutral.
#pragma once

#include <optional>
#include <vector>

#include "domain/deadline.h"
#include "store/store.h"

namespace fd::store {

std::int64_t InsertDeadline(Transaction& tx, const Deadline& deadline, Instant created_at);
// RULE CAL-2 RULE CAL-3 (migration 0033): marks the deadline as counted past the bank-holiday list
// whose last day is `known_until` (YYYY-MM-DD; empty when the list was empty).
void FlagCountedWithoutBankHolidays(Transaction& tx, std::int64_t deadline_id, const std::string& known_until);
// RULE CAL-2 RULE CAL-3: the deadlines still open at `now` (not met, not breached) that have no such
// mark, due on or after `due_from` when given: those opened before migration 0033, which the start-up
// check reads to mark the ones counted past the list (app/deadlines_past_bank_holidays.h).
std::vector<Deadline> OpenDeadlinesNotFlagged(Transaction& tx, Instant now, std::optional<Instant> due_from);
std::vector<Deadline> DeadlinesForRecord(Transaction& tx, const std::string& record_type, std::int64_t record_id);

struct DeadlineFilter {
  std::optional<std::int64_t> team_id;
  // The user's own: allocated to them, or on a contact they are screening (they started its
  // screening and it is still being screened).
  std::optional<std::int64_t> user_id;
  bool include_met = false;
};
// The SQL condition that a row of `deadlines` not met is breached at a time (domain BreachedAt,
// through BreachCutoffsAt: a deadline due at once is not breached in its first minute), and its
// parameters for `now`, bound in this order. Its first comparison alone is a range on the index
// deadlines_open_by_due. Times are UTC text of one format, so they compare as text.
inline constexpr const char* kBreachedIfUnmetSql = "(due_at < ? AND (starts_at <> due_at OR due_at < ?))";
Params BreachedIfUnmetParams(Instant now);

// Counted over every deadline the filter matches, never over one page of them: `total` rows (met
// ones too when asked), and of the unmet ones those breached at `now` (kBreachedIfUnmetSql) and those
// not breached but due by `end_of_today` (Deadline::DueBy).
struct QueueCounts {
  std::int64_t total = 0;
  std::int64_t breached = 0;
  std::int64_t due_today = 0;
};
QueueCounts CountDeadlines(Transaction& tx, const DeadlineFilter& filter, Instant now, Instant end_of_today);

// One page (from 1) of the deadlines the filter matches, most urgent first: breached ones (longest
// overdue first), then the open ones soonest due, then, when asked for, met ones by due time.
std::vector<Deadline> ListDeadlines(Transaction& tx, const DeadlineFilter& filter, Instant now, int page,
                                    int page_size);

// Marks the unmet deadlines of that record and timescale met; returns how many.
std::int64_t MeetDeadlines(Transaction& tx, const std::string& record_type, std::int64_t record_id,
                           const std::string& timescale, Instant at, std::int64_t by);

// HCR-22: one acknowledgement of a contact to its referrer.
struct AcknowledgementRecord {
  std::string method;  // "verbal" or "email"
  std::string note;
  Instant at;
  std::string by_name;
  std::int64_t by = 0;  // the user's id
};
void InsertAcknowledgement(Transaction& tx, std::int64_t contact_id, const std::string& method,
                           const std::string& note, Instant at, std::int64_t by);
std::vector<AcknowledgementRecord> AcknowledgementsOf(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
