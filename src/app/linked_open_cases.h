// HCR-5 when a contact's child is linked to the people register after receipt: routing at receipt
// found open cases by exact match only, so a link (made by hand, to a record with another spelling
// or no date of birth) can show a child open to a worker that receipt did not see.
#pragma once

#include <string>

#include "app/context.h"
#include "domain/contact.h"
#include "store/store.h"

namespace fd::app {

// For a contact still at the front door (not decided, not passed on), the rule routing applies at
// receipt (app/routing.h), on the children's register links: when every child is open to one worker,
// only that worker and their team managers may work on it from now on (app/case_access.h) and it
// stays at its stage with its deadlines; when only some are, the front door keeps it. Either way the
// allocated worker of the child just linked is told, and the contact's routing note says so.
// Returns the sentence added to the routing note (empty: nothing changed). Within `tx`. `why` begins
// the note: what made the match be looked at again (a link, or a correction of the child's details).
std::string RecheckOpenCases(AppContext& ctx, store::Transaction& tx, const Contact& contact, int linked_position,
                             Instant now, std::string_view why = "Linked to the register");

}  // namespace fd::app
