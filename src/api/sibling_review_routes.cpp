#include "api/sibling_review_routes.h"

#include <algorithm>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/sibling_reviews.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json ChoiceJson(const app::SiblingChoice& c) {
  json children = json::array();
  for (const int s : c.subjects)
    children.push_back({{"position", s},
                        {"first_names", c.contact.children[static_cast<std::size_t>(s)].first_names},
                        {"last_name", c.contact.children[static_cast<std::size_t>(s)].last_name},
                        {"opened", std::find(c.decision.children.begin(), c.decision.children.end(), s) !=
                                       c.decision.children.end()}});
  return {{"contact_id", c.contact.id},
          {"reference", c.contact.reference},
          {"version", c.contact.version},
          {"decision",
           {{"id", c.decision.id},
            {"outcome", c.decision.outcome},
            {"children", c.decision.children},
            {"sibling_reason", c.decision.sibling_reason}}},
          {"children", children},
          {"sibling_reviews", SiblingReviewsToJson(c.reviews)}};
}

http::Response Show(app::AppContext& ctx, http::Request& r) {
  const auto id = IdParam(r);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto choice = app::SiblingChoiceToReview(ctx, ActorOf(r), *id);
  if (!choice) return http::ProblemFrom(choice.error());
  return http::Response::Json(200, ChoiceJson(*choice).dump());
}

http::Response Review(app::AppContext& ctx, http::Request& r) {
  const auto id = IdParam(r);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto body = JsonBody(r);
  if (!body) return body.error();
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  SiblingReviewDraft draft;
  for (const auto& [key, value] : body->items()) {
    if (key == "version") continue;
    if (key == "judgement") {
      if (value.is_string()) draft.judgement = value.get<std::string>();
      else if (!value.is_null()) errors.push_back({key, NotTextMessage(key)});
    } else if (key == "children") {
      if (!value.is_array()) {
        errors.push_back({key, NotAListMessage(key, "child numbers, from 0")});
        continue;
      }
      for (const auto& n : value) {
        if (n.is_number_integer()) draft.children.push_back(n.get<int>());
        else errors.push_back({key, "children must list child positions (0 for the first)"});
      }
    } else {
      errors.push_back({key, "There is no such field here; check its spelling"});
    }
  }
  const auto version = body->find("version");
  if (version == body->end() || !version->is_number_integer())
    errors.push_back({"version", "Send the version of the contact you are looking at (a whole number), so a change "
                                 "made meanwhile by someone else is not overwritten"});
  if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
  auto reviewed = app::ReviewSiblingChoice(ctx, ActorOf(r), *id, version->get<std::int64_t>(), draft);
  if (!reviewed) return http::ProblemFrom(reviewed.error());
  return http::Response::Json(200, ChoiceJson(*reviewed).dump());
}

}  // namespace

json SiblingReviewsToJson(const std::vector<SiblingReview>& reviews) {
  json out = json::array();
  for (const auto& s : reviews)
    out.push_back({{"id", s.id},
                   {"decision", s.decision_id},
                   {"children_before", s.children_before},
                   {"children_after", s.children_after},
                   {"opened", s.Opened()},
                   {"confirmed", s.Opened().empty()},
                   {"judgement", s.judgement},
                   {"reviewed_by", {{"id", s.reviewed_by}, {"name", s.reviewed_by_name}}},
                   {"reviewed_at", FormatUtc(s.reviewed_at)}});
  return out;
}

void RegisterSiblingReviewApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/contacts/{id}/sibling-reviews", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return Show(ctx, r); });
  router.Add("POST", "/api/v1/contacts/{id}/sibling-reviews", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return Review(ctx, r); });
}

}  // namespace fd::api
