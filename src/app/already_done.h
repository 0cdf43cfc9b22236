// A form sent twice by the same user (the browser's back button, a refresh, a double click): the
// second send carries the version the first one changed, so it is refused as stale; telling the user
// "someone else changed this contact… send it again" is untrue, and following it records the thing
// twice (worker review finding 8). These recognise the user's own earlier send, so the refusal says
// it was already done, and when.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "app/actor.h"
#include "domain/error.h"
#include "domain/instant.h"
#include "store/store.h"

namespace fd::app {

// When `actor` made the one change to contact `contact_id` since the version they saw: the contact
// is now at `version_seen + 1`, and the last change recorded on it (reads aside) was theirs and was
// `action` (its audit action, "contact.agency_check"); events they appended with it (the urgency a
// save raised) are passed over. nullopt otherwise: someone else's change, or more than one.
std::optional<Instant> OwnChangeSince(store::Transaction& tx, const Actor& actor, std::int64_t contact_id,
                                      std::int64_t version_seen, std::int64_t version_now, std::string_view action);

// The refusal of the second send: kConflict, "You already <done> at 9:14am (28 November 2026): <not
// again>." Pages recognise it by its opening words "You already " (web/workflow_pages.cpp) and show
// it as done, not as a change by someone else.
Error AlreadyDone(std::string_view done, Instant at, std::string_view time_zone, std::string_view not_again);
// True for an AlreadyDone refusal, and for a check to an agency refused as already sent.
bool IsAlreadyDone(const Error& error);

}  // namespace fd::app
