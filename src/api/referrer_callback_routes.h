// KCR-17, HCR-24: the referrers to ring with the outcome (app/referrer_callbacks.h), over the API:
// documented in docs/api.md.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterReferrerCallbackApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
