// A team manager gives a contact still at the front door (received, being screened, screened or
// awaiting authorisation: until its decision is made) to a named social worker of their team to
// screen, and may give it to another (docs/decisions.md "Allocating
// screening, and two workers on one child"). The allocated worker is then the contact's screener
// (queues, deadlines, the contact's JSON); another worker may not start or record its screening,
// while managers and the allocated worker go on. Unallocated, whoever started screening it holds it
// the same way (docs/decisions.md "One screener at a time"). Neither seed prescribes it: Kent's Central Duty Team
// gate-keeps with a Duty Senior (kent-initial-contacts-and-referrals.txt line 12), and
// Hertfordshire's contacts go to "a social worker" (hertfordshire-contacts-and-referrals.txt line
// 315), so it is a mechanism open to both authorities.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "store/screening_allocation_records.h"

namespace fd::app {

// What the allocation form offers: the contact, its allocation in force, and the manager's team's
// active social workers.
struct ScreeningAllocationChoices {
  std::int64_t contact_id = 0;
  std::string reference;
  std::int64_t version = 0;
  std::string team_name;
  std::optional<store::ScreeningAllocation> current;
  std::vector<store::TeamWorker> workers;
};

// Errors: kForbidden (not a team manager, or of another team than the contact's queue), kNotFound,
// kConflict (no longer at the front door).
Result<ScreeningAllocationChoices> ScreeningAllocationChoicesFor(AppContext& ctx, const Actor& actor,
                                                                 std::int64_t contact_id);

// Allocates (or re-allocates) the contact's screening to the social worker `worker` (a username),
// taking the contact version the manager was looking at. Audited as contact.screening_allocated (ids
// only). Errors as ScreeningAllocationChoicesFor, kConflict for a stale version, and kInvalid on
// "worker" for no choice, an unknown user, one who is not a social worker, disabled, or of another
// team.
Result<void> AllocateScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                               const std::string& worker);

// Whether `actor` may start or record the screening of `contact_id`: a team manager, the allocated
// worker, or, when nobody is allocated, whoever started screening it (until its decision is made), and
// anyone before it is started. Otherwise kConflict naming who holds it ("Wren Worker started screening
// this at 9:02am …", review finding 4) and saying a manager can allocate or re-allocate it.
Result<void> MayScreenAllocated(const AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                std::int64_t contact_id);

}  // namespace fd::app
