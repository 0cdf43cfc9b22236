// KCR-15, HCR-26: sharing without the parents' knowledge needs a team manager's authorisation. The
// worker screening the contact asks for it with a button (worker review finding 7): each active team
// manager of the contact's team gets a notice on their home page linking to the screening page, where
// they authorise it (AuthoriseSharing, app/workflow.h).
#pragma once

#include <cstdint>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"

namespace fd::app {

// Asks the team managers of the contact's team, audited as "contact.sharing_authorisation_requested"
// (who was asked, by id). It does not change the contact, so it takes no version. Returns how many
// managers were asked. Errors: kForbidden (a role that does not screen); kNotFound; kConflict when the
// contact is not being screened, is held by another worker (app/screening_allocation.h), needs no
// authorisation (the parents were informed), is already authorised, or its team has no active team
// manager; and, asked already by this user, "You already asked…" (app/already_done.h), not asked again.
Result<int> AskForSharingAuthorisation(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

}  // namespace fd::app
