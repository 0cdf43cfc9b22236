// The JSON API, /api/v1/…: documented in docs/api.md. Every error is application/problem+json
// naming the field at fault.
#pragma once

#include "api/session_guard.h"
#include "app/context.h"
#include "http/router.h"

namespace fd::api {

// Registers /healthz, /readyz and every /api/v1 route.
void RegisterApi(http::Router& router, app::AppContext& ctx, const GuardOptions& options);

}  // namespace fd::api
