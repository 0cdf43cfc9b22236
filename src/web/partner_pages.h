// Partner agency users' pages (issue 12 point 1; app/agency_checks.h): `/partner/checks`, their
// agency's queue of check requests, and `/partner/checks/{id}`, one request with the form to answer
// it. A page shows only what the request says: the question, the named children's identifying
// details and the deadline; never the contact's reference, the referrer or the concern.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterPartnerPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the home page: the link to the agency's checks, for a partner user.
void AddPartnerChecksLink(const app::Actor& actor, Data& d);

}  // namespace fd::web
