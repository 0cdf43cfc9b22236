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
  std::string team_name = {};  // a team holding it with no worker (the initialiser lets brace lists omit it)
};

// The allocated worker of a contact, or nullopt when the front door holds it.
std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, const Contact& contact);
// The same for any record allocated to a worker (nullopt: none).
std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, std::optional<std::int64_t> worker_id);

// Ok when the actor may work on a contact held by `holder` (no holder: the role decides alone);
// otherwise kForbidden naming whom to ask. Pure.
Result<void> MayWorkOnCase(const Actor& actor, const std::optional<CaseHolder>& holder);

// The contact `id`, read in `tx` for the actor to act on: kNotFound when there is none, and
// MayWorkOnCase's refusal when its case is open to someone else. Every step on a contact starts so.
Result<Contact> ContactToWorkOn(store::Transaction& tx, const Actor& actor, std::int64_t id);

// The same rule for the case itself on the register (app/people.h): an open involvement (a child
// protection plan, a child in need plan, being looked after) is ended, and another opened beside
// it, only by whoever holds it: its allocated worker and their team's managers, or, for one
// allocated to a team alone, that team's managers. No other role overrides it: administrators do
// not write the register. `team_name` names a team-only holder in the refusal.
std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, std::optional<std::int64_t> worker_id,
                                       std::optional<std::int64_t> team_id);
// Ok, or kForbidden naming whom to ask and saying what they may do (`what`: "end this child
// protection plan"). Pure.
Result<void> MayChangeCase(const Actor& actor, const std::optional<CaseHolder>& holder, const std::string& what);

}  // namespace fd::app
