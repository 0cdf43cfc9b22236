// The workflow over the API: screening, checks, consent, police notification, decisions.
// Documented in docs/api.md and docs/workflow.md.
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/workflow.h"
#include "http/router.h"

namespace fd::api {

void RegisterWorkflowApi(http::Router& router, app::AppContext& ctx);

// The JSON of a contact's workflow view (also used by tests and pages' JSON needs).
nlohmann::json WorkflowToJson(const app::WorkflowView& view, const std::string& time_zone);

}  // namespace fd::api
