// Which social worker a team manager allocated a contact to screen (migration 0031). The allocation
// in force, one per contact; its history is the audit log's contact.screening_allocated events.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct ScreeningAllocation {
  std::int64_t contact_id = 0;
  std::int64_t user_id = 0;
  std::string username;
  std::string name;  // the worker's display name
  std::int64_t allocated_by = 0;
  Instant allocated_at;
};

std::optional<ScreeningAllocation> FindScreeningAllocation(Transaction& tx, std::int64_t contact_id);
// Allocates (or re-allocates) `contact_id` to `user_id`. REQUIRES: a write transaction.
void AllocateScreening(Transaction& tx, std::int64_t contact_id, std::int64_t user_id, std::int64_t by, Instant at);

// A contact still at the front door waiting for its decision (received, being screened, screened or
// awaiting authorisation) allocated to a worker.
struct OpenAllocation {
  std::int64_t contact_id = 0;
  std::string reference;
  std::optional<std::int64_t> team_id;  // the team whose queue holds the contact
};
// The contacts still waiting for their decision allocated to `user_id`, oldest received first.
std::vector<OpenAllocation> OpenScreeningAllocationsOf(Transaction& tx, std::int64_t user_id);
// Takes the allocation off `contact_id`: whoever screens may screen it again. REQUIRES: a write transaction.
void ReleaseScreeningAllocation(Transaction& tx, std::int64_t contact_id);

// A social worker a manager may allocate to.
struct TeamWorker {
  std::int64_t id = 0;
  std::string username;
  std::string name;
};
// The active social workers of `team_id`, by name.
std::vector<TeamWorker> ActiveSocialWorkersOf(Transaction& tx, std::int64_t team_id);

}  // namespace fd::store
