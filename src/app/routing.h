// Where a new contact goes (HCR-4, HCR-5, HCR-9, HCR-13, HCR-18): returned to the sender, the
// managing-allegations (LADO) queue, the allocated worker of a child already open, the out-of-hours
// queue when the service centre is closed, or the front door. Urgent contacts top every queue.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "policy/policy_pack.h"
#include "store/store.h"

namespace fd::app {

struct RoutingDecision {
  std::string queue = "front-door";  // front-door, out-of-hours, lado, allocated-worker, returned
  std::string state = "received";    // "routed" when it leaves the front door's screening
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> allocated_team_id;
  std::string note;                  // in words, for the contact page
};

// `service_open`: whether the pack's intake service is open at the time of receipt.
RoutingDecision RouteContact(store::Transaction& tx, const NewContact& contact, const policy::PolicyPack& pack,
                             bool intake_service_open);

}  // namespace fd::app
