#include "api/status_link_routes.h"

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/outbox_routes.h"
#include "api/session_guard.h"
#include "calendar/local_time.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json StatusJson(const ReferrerStatus& s, const std::string& zone) {
  json out{{"reference", s.reference},
           {"received_at", calendar::FormatLocalIso(s.received_at, zone)},
           {"stage", std::string(ReferrerStageId(s.stage))},
           {"stage_title", std::string(ReferrerStageTitle(s.stage))},
           {"summary", s.summary}};
  if (s.decided_at) out["decided_at"] = calendar::FormatLocalIso(*s.decided_at, zone);
  // Only what this referrer may be told is present at all: a public referrer's answer has no
  // outcome key to misread (KCR-17).
  if (!s.outcome.empty()) out["outcome"] = s.outcome;
  if (!s.next_steps.empty()) out["next_steps"] = s.next_steps;
  if (!s.passed_to.empty()) out["passed_to"] = s.passed_to;
  if (!s.feed_back_to.empty()) out["feed_back_to"] = s.feed_back_to;
  if (!s.confidential_message.empty()) out["message"] = s.confidential_message;
  return out;
}

http::Response LookApi(app::AppContext& ctx, http::Request& request) {
  const auto look = app::LookAtStatus(ctx, request.Param("secret"), request.remote_address);
  if (look.outcome == app::StatusLook::Outcome::kShown) {
    auto response = http::Response::Json(200, StatusJson(*look.status, ctx.time_zone).dump());
    response.Header("Cache-Control", "no-store");
    response.Header("Referrer-Policy", "no-referrer");
    return response;
  }
  const int status = StatusCodeOf(look.outcome);
  std::string detail;
  switch (look.outcome) {
    case app::StatusLook::Outcome::kExpired:
      detail = "This status link has expired. Contact us quoting your reference if you need to know more.";
      break;
    case app::StatusLook::Outcome::kRevoked:
      detail = "This status link has been withdrawn. Contact us quoting your reference if you need to know more.";
      break;
    case app::StatusLook::Outcome::kTooMany:
      detail = fmt::format("Too many looks from your address: try again in {} seconds", look.retry_after.count());
      break;
    default:
      detail = "There is no status page at this link. Check that you copied the whole link from the e-mail.";
  }
  auto response = http::Problem(status, status == 429 ? "Too many requests" : status == 410 ? "Gone" : "Not found", detail);
  response.Header("Cache-Control", "no-store");
  if (status == 429) response.Header("Retry-After", std::to_string(look.retry_after.count()));
  return response;
}

json LinkJson(const app::StatusLinkInfo& l, const std::string& zone) {
  const char* state = l.state == StatusLinkState::kActive    ? "active"
                      : l.state == StatusLinkState::kExpired ? "expired"
                                                             : "revoked";
  json out{{"id", l.id},
           {"created_at", calendar::FormatLocalIso(l.created_at, zone)},
           {"expires_at", calendar::FormatLocalIso(l.expires_at, zone)},
           {"state", state},
           {"looks", l.looks}};
  // The e-mail carrying it: made is not sent (HCR-22).
  if (l.email) out["email"] = EmailDeliveryJson(*l.email);
  if (l.revoked_at) {
    out["revoked_at"] = calendar::FormatLocalIso(*l.revoked_at, zone);
    out["revoked_by"] = l.revoked_by_name;
    out["revoke_reason"] = l.revoke_reason;
  }
  return out;
}

http::Response NoSuchContact() { return http::Problem(404, "Not found", "There is no contact with that number"); }

http::Response ListApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchContact();
  auto links = app::StatusLinksOfContact(ctx, ActorOf(request), *id);
  if (!links) return http::ProblemFrom(links.error());
  json items = json::array();
  for (const auto& l : *links) items.push_back(LinkJson(l, ctx.time_zone));
  return http::Response::Json(200, json{{"status_links", items}}.dump());
}

http::Response RevokeApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchContact();
  auto body = JsonBody(request);
  if (!body) return body.error();
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body->items())
    if (key != "reason") errors.push_back({key, UnknownFieldMessage("a revocation", "reason")});
  std::string reason;
  if (body->contains("reason")) {
    if ((*body)["reason"].is_string()) reason = (*body)["reason"].get<std::string>();
    else errors.push_back({"reason", NotTextMessage("reason")});
  }
  if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
  auto revoked = app::RevokeStatusLinks(ctx, ActorOf(request), *id, reason);
  if (!revoked) return http::ProblemFrom(revoked.error());
  return http::Response::Json(200, json{{"revoked", *revoked}}.dump());
}

}  // namespace

int StatusCodeOf(app::StatusLook::Outcome outcome) {
  switch (outcome) {
    case app::StatusLook::Outcome::kShown: return 200;
    case app::StatusLook::Outcome::kExpired:
    case app::StatusLook::Outcome::kRevoked: return 410;
    case app::StatusLook::Outcome::kTooMany: return 429;
    case app::StatusLook::Outcome::kUnknown: return 404;
  }
  return 404;
}

void RegisterStatusLinkApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/status/{secret}", Access::kPublic, [&ctx](http::Request& r) { return LookApi(ctx, r); });
  router.Add("GET", "/api/v1/contacts/{id}/status-links", Access::kSignedIn,
             [&ctx](http::Request& r) { return ListApi(ctx, r); });
  router.Add("POST", "/api/v1/contacts/{id}/status-links/revoke", Access::kSignedIn,
             [&ctx](http::Request& r) { return RevokeApi(ctx, r); });
}

}  // namespace fd::api
