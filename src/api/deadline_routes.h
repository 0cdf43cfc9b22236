// /api/v1/deadlines and /api/v1/contacts/{id}/acknowledgement: documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/context.h"
#include "app/deadlines.h"
#include "http/router.h"

namespace fd::api {

void RegisterDeadlineApi(http::Router& router, app::AppContext& ctx);

// {"deadlines": […], "acknowledgements": […]} of one contact, for the contact's JSON.
nlohmann::json ContactDeadlinesJson(app::AppContext& ctx, const app::Actor& actor, std::int64_t contact_id);
// The same members, from deadlines already read.
nlohmann::json ContactDeadlinesJson(const app::AppContext& ctx, const app::DeadlineQueue& queue);

}  // namespace fd::api
