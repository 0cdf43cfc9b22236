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
