// Police domestic-abuse notification pages (issue 12 point 4; docs/workflow.md "Police
// notifications"): `/police-notifications`, the triage queue (urgent first, then oldest) where a team
// manager ticks many, chooses one decision and gives one reason; `/police-notifications/upload`,
// where a contact officer or manager pastes a force's CSV and sees what became of each row.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterPoliceNotificationPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the home page: the links to the queue and the upload, for the roles that may use them.
void AddPoliceNotificationLinks(const app::Actor& actor, Data& d);

}  // namespace fd::web
