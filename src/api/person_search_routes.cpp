#include "api/person_search_routes.h"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/person_search.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json OrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

double Rounded(double value, double scale) { return std::round(value * scale) / scale; }

json CandidateJson(const app::PersonCandidate& c) {
  // A restricted record the searcher may not see: that it exists and whom to ask, nothing more.
  if (c.restricted) return {{"restricted", true}, {"record_exists", true}, {"ask", c.ask}};
  json reasons = json::array();
  for (const auto& r : c.reasons)
    reasons.push_back({{"field", r.field},
                       {"level", r.level},
                       {"agreement", r.agreement},
                       {"weight", Rounded(r.weight, 10)},
                       {"words", r.words}});
  return {{"restricted", false},
          {"id", c.id},
          {"probability", Rounded(c.probability, 1e6)},
          {"match_weight", Rounded(c.match_weight, 10)},
          {"band", app::MatchBandId(c.band)},
          {"band_words", app::MatchBandWords(c.band)},
          {"first_names", c.first_names},
          {"last_name", c.last_name},
          {"date_of_birth", OrNull(c.date_of_birth)},
          {"gender", c.gender},
          {"postcode_district", OrNull(c.postcode_district)},
          {"open", c.open},
          {"allocated_worker", OrNull(c.allocated_worker)},
          {"team", OrNull(c.team)},
          {"sibling_open", c.sibling_open},
          {"reasons", reasons}};
}

http::Response Search(app::AppContext& ctx, http::Request& request) {
  if (auto refused = QueryReader(request, PersonSearchParams(QueryFrom::kApi)).Refusal())
    return http::ProblemFrom(*refused);
  auto limit = IntParam(request, "limit", static_cast<int>(app::kDefaultSearchLimit));
  if (!limit) return http::ProblemFrom(limit.error());
  app::PersonSearchQuery query{request.QueryParam("first_names"), request.QueryParam("last_name"),
                               request.QueryParam("date_of_birth"), request.QueryParam("nhs_number"),
                               request.QueryParam("postcode"),      request.QueryParam("gender")};
  // A negative limit is out of range, not a huge one.
  const std::size_t size = *limit < 0 ? 0 : static_cast<std::size_t>(*limit);
  auto result = app::SearchPeople(ctx, ActorOf(request), query, size);
  if (!result) return http::ProblemFrom(result.error());
  json items = json::array();
  for (const auto& c : result->candidates) items.push_back(CandidateJson(c));
  return http::Response::Json(
      200, json{{"items", items}, {"thresholds", {{"likely", app::kLikelyMatch}, {"possible", app::kPossibleMatch}}}}
               .dump());
}

}  // namespace

void RegisterPersonSearchApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/people/search", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return Search(ctx, r); });
}

}  // namespace fd::api
