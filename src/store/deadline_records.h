// Deadlines in the store. Backend-neutral.
#pragma once

#include <optional>
#include <vector>

#include "domain/deadline.h"
#include "store/store.h"

namespace fd::store {

std::int64_t InsertDeadline(Transaction& tx, const Deadline& deadline, Instant created_at);
std::vector<Deadline> DeadlinesForRecord(Transaction& tx, const std::string& record_type, std::int64_t record_id);

struct DeadlineFilter {
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> user_id;
  bool include_met = false;
  int limit = 200;
};
// Unmet deadlines (and met ones when asked), soonest due first.
std::vector<Deadline> ListDeadlines(Transaction& tx, const DeadlineFilter& filter);

// Marks the unmet deadlines of that record and timescale met; returns how many.
std::int64_t MeetDeadlines(Transaction& tx, const std::string& record_type, std::int64_t record_id,
                           const std::string& timescale, Instant at, std::int64_t by);

}  // namespace fd::store
