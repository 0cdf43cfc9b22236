// Referrer status links over the API (issue 12 point 3; app/status_links.h, docs/api.md):
//   GET  /api/v1/status/{secret}                   public: the stage, and what the referrer may be told
//   GET  /api/v1/contacts/{id}/status-links        staff: the contact's links (never their secrets)
//   POST /api/v1/contacts/{id}/status-links/revoke staff: {"reason"} → every working link revoked
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/status_links.h"
#include "http/router.h"

namespace fd::api {

void RegisterStatusLinkApi(http::Router& router, app::AppContext& ctx);

// The answer for a look that did not show a status (unknown 404, expired or revoked 410, too many
// 429 with Retry-After), shared with the page so both say the same.
int StatusCodeOf(app::StatusLook::Outcome outcome);

}  // namespace fd::api
