// GET /api/v1/people/search: "is this child known?" as the contact and consultation forms are
// typed (docs/api.md "People search").
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterPersonSearchApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
