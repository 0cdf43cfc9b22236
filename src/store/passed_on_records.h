// A contact passed at receipt to a child's allocated worker (HCR-5): its hand-overs to another
// worker and the record that it is on the child's record (migration 0036). Backend-neutral.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct HandOver {
  std::int64_t from_user_id = 0;
  std::string from_name;
  std::int64_t to_user_id = 0;
  std::string to_name;
  std::int64_t by_user_id = 0;
  std::string by_name;
  std::string reason;
  Instant at;
};
void InsertHandOver(Transaction& tx, std::int64_t contact_id, const HandOver& hand_over);
// Oldest first.
std::vector<HandOver> HandOversOf(Transaction& tx, std::int64_t contact_id);

struct PassedOnRecorded {
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;
  Instant recorded_at;
  std::string note;
};
void InsertPassedOnRecorded(Transaction& tx, std::int64_t contact_id, const PassedOnRecorded& recorded);
std::optional<PassedOnRecorded> FindPassedOnRecorded(Transaction& tx, std::int64_t contact_id);

// The contact's holder is now `user_id` of `team_id`, and so are its deadlines not yet met: they are
// on the new holder's list and their team managers', no longer on the old one's.
void MoveContactHolder(Transaction& tx, std::int64_t contact_id, std::int64_t user_id,
                       std::optional<std::int64_t> team_id);

// The active social workers of every team, by name (a hand-over may cross teams).
struct ActiveWorker {
  std::int64_t id = 0;
  std::string username;
  std::string name;
  std::string team_name;
};
std::vector<ActiveWorker> ActiveSocialWorkers(Transaction& tx);

}  // namespace fd::store
