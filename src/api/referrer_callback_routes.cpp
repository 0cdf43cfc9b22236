#include "api/referrer_callback_routes.h"

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/referrer_callbacks.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

// The earlier calls of a contact: what was recorded of each (HCR-24).
json EarlierJson(const std::vector<store::ReferrerCallback>& calls) {
  json out = json::array();
  for (const auto& c : calls)
    out.push_back({{"decision_id", c.decision_id},
                   {"worker", c.user_name},
                   {"opened_at", FormatUtc(c.opened_at)},
                   {"told", c.told_at.has_value()},
                   {"told_at", c.told_at ? json(FormatUtc(*c.told_at)) : json(nullptr)},
                   {"told_by", c.told_at ? json(c.told_by_name) : json(nullptr)},
                   {"note", c.note}});
  return out;
}

json CallbackJson(const app::ReferrerCallbackView& v) {
  const auto& c = v.callback;
  return {{"contact_id", c.contact_id},
          {"contact_reference", c.contact_reference},
          {"decision_id", c.decision_id},
          {"worker", c.user_name},
          {"opened_at", FormatUtc(c.opened_at)},
          {"due_at", v.due_at ? json(FormatUtc(*v.due_at)) : json(nullptr)},
          {"tell", v.tell},
          {"no_phone", v.no_phone.empty() ? json(nullptr) : json(v.no_phone)},
          {"told", c.told_at.has_value()},
          {"told_at", c.told_at ? json(FormatUtc(*c.told_at)) : json(nullptr)},
          {"told_by", c.told_at ? json(c.told_by_name) : json(nullptr)},
          {"note", c.note},
          {"earlier", EarlierJson(v.earlier)}};
}

http::Response MarkTold(app::AppContext& ctx, http::Request& r) {
  const auto id = IdParam(r);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto body = JsonBody(r);
  if (!body) return body.error();
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("note", NotAnObjectMessage("body", "{note}")));
  for (const auto& [key, value] : body->items())
    if (key != "note") return http::ProblemFrom(Error::InvalidField(key, UnknownFieldMessage("a call to the referrer", "note")));
  std::string note;
  if (body->contains("note")) {
    if (!(*body)["note"].is_string()) return http::ProblemFrom(Error::InvalidField("note", NotTextMessage("note")));
    note = (*body)["note"].get<std::string>();
  }
  if (auto done = app::RecordReferrerTold(ctx, ActorOf(r), *id, note); !done) return http::ProblemFrom(done.error());
  auto view = app::ContactReferrerCallback(ctx, ActorOf(r), *id);
  if (!view) return http::ProblemFrom(view.error());
  return http::Response::Json(200, CallbackJson(*view).dump());
}

}  // namespace

void RegisterReferrerCallbackApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/referrers-to-tell", Access::kSignedIn, [&ctx](http::Request& r) {
    auto calls = app::ReferrersToTell(ctx, ActorOf(r));
    if (!calls) return http::ProblemFrom(calls.error());
    json out = {{"calls", json::array()}};
    for (const auto& v : *calls) out["calls"].push_back(CallbackJson(v));
    return http::Response::Json(200, out.dump());
  });
  router.Add("GET", "/api/v1/contacts/{id}/referrer-call", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
    auto view = app::ContactReferrerCallback(ctx, ActorOf(r), *id);
    if (!view) return http::ProblemFrom(view.error());
    return http::Response::Json(200, CallbackJson(*view).dump());
  });
  router.Add("POST", "/api/v1/contacts/{id}/referrer-call", Access::kSignedIn,
             [&ctx](http::Request& r) { return MarkTold(ctx, r); });
}

}  // namespace fd::api
