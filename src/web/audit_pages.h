// The audit log page (the admin/DPO review, finding 7): `/audit`, for the administrator and the data
// protection officer ("check the audit log"): a GET form of filters (event type, who, kind and number
// of record, from and to as GOV.UK date boxes) above the events, newest first, a page at a time, and
// the chain's state. Bad filters re-show the form with the GOV.UK error summary, as typed. Other
// roles get the 403 page. Reading it is audited (app/audit_reading.h).
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterAuditPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the home page: the link to /audit, for a role that may read the audit log.
void AddAuditLink(const app::Actor& actor, Data& d);

}  // namespace fd::web
