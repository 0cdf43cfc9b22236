// Request-for-information pages (IR-1…IR-10): the form (each type from the pack with the evidence it
// needs), the request page (checks passed and missing, the decision, evidence, routing, the answer
// and what was shared, refusal), the manager's review on the same page, and the queues (mine, front
// door, awaiting review, the Data Protection Team's).
#pragma once

#include <memory>

#include "app/actor.h"
#include "app/context.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterInformationRequestPages(http::Router& router, const std::shared_ptr<PageContext>& pc);
// The home page's link for roles that record, review or handle requests for information, when the
// procedures define kinds of request (app::CheckInformationRequestsDefined).
void AddInformationRequestLinks(const app::AppContext& ctx, const app::Actor& actor, Data& d);

}  // namespace fd::web
