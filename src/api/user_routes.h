// Accounts over the API, the administrator's (app/user_directory.h, app/account_changes.h): the same
// changes `frontdoor user …` makes, through the same use cases, each audited as it is.
//   GET  /api/v1/users                 every account; ?role=&team=&status=active|disabled|locked
//   POST /api/v1/users                 add one (the team must exist unless "new_team": true)
//   GET  /api/v1/users/{id}            one account
//   POST /api/v1/users/{id}/disable    a leaver: sessions end, tokens revoked, browsers forgotten
//   POST /api/v1/users/{id}/enable
//   POST /api/v1/users/{id}/unlock     lift a lock-out after too many failed sign-ins
//   POST /api/v1/users/{id}/role       {"role": "team_manager"}; their sessions end
//   POST /api/v1/users/{id}/team       {"team": "Front Door", "new_team": false}
//   POST /api/v1/users/{id}/password   {"password": "…"} or {"generate": true}: a temporary password,
//                                      their sessions end, browsers forgotten, lock-out lifted
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/user_directory.h"
#include "http/router.h"

namespace fd::api {

// An account as the API shows it: dates ISO 8601 in the service's time zone.
nlohmann::json AccountJson(const app::AccountSummary& account, const std::string& time_zone);

void RegisterUserApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
