// Police domestic-abuse notification pages (issue 12 point 4; docs/workflow.md "Police
// notifications"): `/police-notifications`, the triage queue (urgent first, then oldest) where a team
// manager ticks many, chooses one decision and gives one reason; `/police-notifications/upload`,
// where a contact officer or manager pastes a force's CSV and sees what became of each row.
#pragma once

#include <memory>

#include "app/actor.h"
#include "domain/contact.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterPoliceNotificationPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the home page: the links to the queue and the upload, for the roles that may use them.
void AddPoliceNotificationLinks(const app::Actor& actor, Data& d);

// On the page of a contact opened from a police notification: "How it came in" with the force's
// reference, the officer's address flagged when it is not secure (KCR-5), and each child's very likely
// register match from the notification, offered in the child's "Is this child known?" panel (a
// suggestion: nothing is linked until someone checks). Returns "How it came in"; for any other
// contact its channel's title, and nothing else is added.
std::string AddPoliceOrigin(PageContext& pc, const app::Actor& actor, const Contact& contact, Data& children,
                            Data& referrer_rows);

}  // namespace fd::web
