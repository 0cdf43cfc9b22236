// GET /api/v1/audit-events: the audit log for the administrator and the data protection officer
// (app/audit_reading.h), newest first and filtered, with the chain's state; the reading is audited.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterAuditApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
