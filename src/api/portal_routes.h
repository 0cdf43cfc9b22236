// The public Request for Support portal over the API: POST /api/v1/portal/contacts, no sign-in.
// Documented in docs/api.md ("Public portal").
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterPortalApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
