// Partner agency checks over the API (issue 12 point 1; app/agency_checks.h):
//   POST /api/v1/contacts/{id}/agency-check-requests   a worker sends a check (201 with the request)
//   GET  /api/v1/partner/checks                        a partner user's agency's queue
//   GET  /api/v1/partner/checks/{id}                   one request, as the partner sees it (audited)
//   POST /api/v1/partner/checks/{id}                   the partner's answer {"answer": "…"}
// A partner's JSON carries only what the request says: no contact reference, referrer or concern.
#pragma once

#include <nlohmann/json.hpp>

#include "app/agency_checks.h"
#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterAgencyCheckApi(http::Router& router, app::AppContext& ctx);
// One request as a partner sees it (also the page's source of truth for what may be shown).
nlohmann::json PartnerCheckToJson(const app::PartnerCheck& check, const std::string& time_zone);

}  // namespace fd::api
