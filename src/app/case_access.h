// Relationship rules (issue 8, point 1): who may work on a contact beyond what their role allows.
//
// A contact about a child whose case is already open to a worker is routed to that worker (HCR-5).
// Such a contact is worked (screened, decided, authorised) only by the allocated worker and the
// team managers of the worker's team; everyone else whose role lets them read contacts still reads
// it, and is told whom to ask. Restricted records (app/people.h) are the other relationship rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/actor.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "store/store.h"

namespace fd::app {

// The worker a contact is allocated to, with their team.
struct CaseHolder {
  std::int64_t worker_id = 0;
  std::string worker_name;
  std::optional<std::int64_t> team_id;
};

// The allocated worker of a contact, or nullopt when the front door holds it.
std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, const Contact& contact);
// The same for any record allocated to a worker (nullopt: none).
std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, std::optional<std::int64_t> worker_id);

// Ok when the actor may work on a contact held by `holder` (no holder: the role decides alone);
// otherwise kForbidden naming whom to ask. Pure.
Result<void> MayWorkOnCase(const Actor& actor, const std::optional<CaseHolder>& holder);

}  // namespace fd::app
