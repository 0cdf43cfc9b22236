#include "api/consultation_routes.h"

#include <set>

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/consultations.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

// Reads the request body into a ConsultationRequest, naming every field of the wrong type or unknown.
Result<app::ConsultationRequest> RequestFromJson(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  static const std::set<std::string> texts = {"type", "consultee_name", "consultee_role", "consultee_organisation",
                                              "consultee_phone", "consultee_email", "caller_type", "summary"};
  static const std::set<std::string> flags = {"safeguarding_lead_consulted", "parent_discussed", "request_already_made"};
  std::vector<FieldError> errors;
  app::ConsultationRequest r;
  for (const auto& [key, value] : body.items()) {
    if (texts.contains(key)) {
      if (!value.is_string()) errors.push_back({key, key + " must be text"});
    } else if (flags.contains(key)) {
      if (!value.is_boolean()) errors.push_back({key, key + " must be true or false"});
    } else if (key == "indicators") {
      if (!value.is_array()) errors.push_back({key, "indicators must be a list of indicator ids"});
      else
        for (const auto& i : value)
          if (i.is_string()) r.indicators.push_back(i.get<std::string>());
          else errors.push_back({key, "each indicator must be text"});
    } else if (key == "child_open_to") {
      if (!value.is_null() && !value.is_object()) errors.push_back({key, "child_open_to must be an object {name, team, phone}"});
      else if (value.is_object())
        r.child_open_to = AllocatedWorker{value.value("name", ""), value.value("team", ""), value.value("phone", "")};
    } else {
      // FDS-7: a no-named consultation has no child-identity fields at all; say so rather than ignore.
      errors.push_back({key, key + " is not a field of a consultation request (no-named requests hold nothing that "
                                   "identifies the child)"});
    }
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  auto text = [&](const char* k) { return body.value(k, std::string()); };
  if (body.contains("type")) r.type = text("type");
  r.consultee_name = text("consultee_name");
  r.consultee_role = text("consultee_role");
  r.consultee_organisation = text("consultee_organisation");
  r.consultee_phone = text("consultee_phone");
  r.consultee_email = text("consultee_email");
  r.caller_type = text("caller_type");
  r.summary = text("summary");
  r.safeguarding_lead_consulted = body.value("safeguarding_lead_consulted", false);
  r.parent_discussed = body.value("parent_discussed", false);
  r.request_already_made = body.value("request_already_made", false);
  return r;
}

http::Response Request(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  auto parsed = RequestFromJson(*body);
  if (!parsed) return http::ProblemFrom(parsed.error());
  auto outcome = app::RequestConsultation(ctx, ActorOf(request), *parsed);
  if (!outcome) return http::ProblemFrom(outcome.error());
  if (!outcome->check.accepted()) {
    // Refused by the procedures: the reason and the route the caller should take instead.
    const auto& r = *outcome->check.refusal;
    json problem = {{"type", "about:blank"}, {"title", "No consultation opened"}, {"status", 422},
                    {"detail", r.reason},    {"rule", r.rule},                    {"precondition", r.precondition},
                    {"route", r.route}};
    return http::Response{422, "application/problem+json", {}, problem.dump()};
  }
  json out = {{"id", *outcome->id}, {"number", outcome->number}, {"status", "queued"},
              {"call_back_by", outcome->call_back_by ? json(FormatUtc(*outcome->call_back_by)) : json(nullptr)},
              {"warnings", outcome->check.warnings}};
  return http::Response::Json(201, out.dump());
}

}  // namespace

void RegisterConsultationApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/consultations", http::Access::kSignedIn, [&ctx](http::Request& r) {
    auto queue = app::ListConsultationQueue(ctx, ActorOf(r));
    if (!queue) return http::ProblemFrom(queue.error());
    json items = json::array();
    for (const auto& c : *queue)
      items.push_back({{"id", c.id}, {"number", c.number}, {"type", c.type}, {"consultee_name", c.consultee_name},
                       {"consultee_organisation", c.consultee_organisation}, {"consultee_phone", c.consultee_phone},
                       {"summary", c.summary}, {"requested_at", FormatUtc(c.requested_at)}});
    return http::Response::Json(200, json{{"items", items}}.dump());
  });
  router.Add("POST", "/api/v1/consultations/{id}/record", http::Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no consultation with that number");
    auto body = JsonBody(r);
    if (!body) return body.error();
    if (!body->is_object() || !body->value("questions", json("")).is_string() || !body->value("advice", json("")).is_string())
      return http::ProblemFrom(Error::InvalidField("advice", "Send questions and advice as text"));
    auto done = app::RecordConsultationAdvice(ctx, ActorOf(r), *id, body->value("questions", ""), body->value("advice", ""));
    if (!done) return http::ProblemFrom(done.error());
    return http::Response::Json(200, json{{"id", *id}, {"status", "completed"}}.dump());
  });
  router.Add("POST", "/api/v1/consultations", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return Request(ctx, r); });
}

}  // namespace fd::api
