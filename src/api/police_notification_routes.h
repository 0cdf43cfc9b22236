// Police domestic-abuse notification batches and their triage (issue 12 point 4; docs/api.md
// "Police notifications"): POST /api/v1/police-notifications/batches, GET
// /api/v1/police-notifications, POST /api/v1/police-notifications/decisions.
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/police_notifications.h"
#include "http/router.h"

namespace fd::api {

void RegisterPoliceNotificationApi(http::Router& router, app::AppContext& ctx);

// The import's report as JSON (the upload page shows the same).
nlohmann::json PoliceBatchReportJson(const app::PoliceBatchReport& report);

}  // namespace fd::api
