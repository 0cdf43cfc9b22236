// /api/v1/consultations: requesting a consultation (docs/api.md "Consultations").
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterConsultationApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
