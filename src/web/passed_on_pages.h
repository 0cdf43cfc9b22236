// HCR-5: a contact passed at receipt to a child's allocated worker (app/passed_on.h): the page where
// a team manager hands it to another social worker, the holder's "Recorded on the child's record",
// and what the contact page says of both.
#pragma once

#include <memory>

#include "app/actor.h"
#include "app/workflow.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterPassedOnPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// Sets `passed_on` (holder, hand-overs, recording, the form and link the reader may use) when the
// contact was passed to an allocated worker.
void AddPassedOn(const app::WorkflowView& view, const std::string& time_zone, Data& d);

}  // namespace fd::web
