// /api/v1/chair-consultations: Child Protection Chair consultations (docs/api.md "Child Protection
// Chair consultations"): request (CPC-1, CPC-7, CPC-8), list, show (with the CPC-6 note), allocate
// (CPC-2), contacted (CPC-3) and record (CPC-4, CPC-5).
#pragma once

#include <nlohmann/json.hpp>

#include "app/chair_consultations.h"
#include "app/context.h"
#include "http/router.h"

namespace fd::api {

// The JSON shape of one consultation (docs/api.md), shared with the tests' expectations.
nlohmann::json ChairConsultationToJson(const app::ChairConsultationView& view, const std::string& time_zone);

void RegisterChairConsultationApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
