// KCR-3: reviewing which children an authorised decision opened, over the API (app/sibling_reviews.h,
// docs/api.md "Reviewing the children opened"):
//   GET  /api/v1/contacts/{id}/sibling-reviews → the decision's children, those who may be opened, the reviews
//   POST /api/v1/contacts/{id}/sibling-reviews {"version", "children": [positions opened after the
//        review], "judgement"} → the same, the review added
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "domain/sibling_review.h"
#include "http/router.h"

namespace fd::api {

void RegisterSiblingReviewApi(http::Router& router, app::AppContext& ctx);

// The reviews as the API shows them (also in GET /api/v1/contacts/{id}).
nlohmann::json SiblingReviewsToJson(const std::vector<SiblingReview>& reviews);

}  // namespace fd::api
