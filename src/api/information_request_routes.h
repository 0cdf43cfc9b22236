// /api/v1/information-requests: requests for information from other agencies, IR-1…IR-10
// (docs/api.md "Requests for information").
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/information_requests.h"
#include "http/router.h"

namespace fd::api {

void RegisterInformationRequestApi(http::Router& router, app::AppContext& ctx);
// The request as the API answers it (also used by tests).
nlohmann::json InformationRequestToJson(const app::InformationRequestView& v);

}  // namespace fd::api
