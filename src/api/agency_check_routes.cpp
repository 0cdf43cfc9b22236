#include "api/agency_check_routes.h"

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "calendar/local_time.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json Time(const std::optional<Instant>& at, const std::string& zone) {
  return at ? json(calendar::FormatLocalIso(*at, zone)) : json(nullptr);
}

std::string TextField(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// {"agency", "question", "children": [0, 1], "lawful_basis", "urgency"}; a wrong type is kInvalid
// naming the field, so the caller knows what to fix.
Result<app::CheckRequestDraft> ReadDraft(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("body", "Send a JSON object"));
  app::CheckRequestDraft d;
  d.agency = TextField(body, "agency");
  d.question = TextField(body, "question");
  d.lawful_basis = TextField(body, "lawful_basis");
  d.urgency = TextField(body, "urgency");
  if (auto it = body.find("children"); it != body.end()) {
    if (!it->is_array()) return std::unexpected(Error::InvalidField("children", NotAListMessage("children", "child numbers, from 0")));
    for (const auto& c : *it) {
      if (!c.is_number_integer() || c.get<std::int64_t>() < 0 || c.get<std::int64_t>() > 1000)
        return std::unexpected(Error::InvalidField("children", NotAListMessage("children", "child numbers, from 0")));
      d.children.push_back(static_cast<int>(c.get<std::int64_t>()));
    }
  }
  return d;
}

json RequestJson(const store::CheckRequestRow& q) {
  json children = json::array();
  for (const auto& s : q.subjects) children.push_back(s.child_position);
  return {{"id", q.id},
          {"contact_id", q.contact_id},
          {"agency", q.agency},
          {"question", q.question},
          {"children", children},
          {"lawful_basis", q.lawful_basis},
          {"urgency", q.urgency},
          {"requested_at", q.requested_at},
          {"due_at", q.due_at ? json(*q.due_at) : json(nullptr)},
          {"chases", q.chases},
          {"last_chased_at", q.last_chased_at ? json(*q.last_chased_at) : json(nullptr)}};
}

http::Response NoCheck() { return http::Problem(404, "Not found", "There is no check request with that number for your agency"); }

}  // namespace

json PartnerCheckToJson(const app::PartnerCheck& c, const std::string& zone) {
  json people = json::array();
  for (const auto& p : c.people)
    people.push_back({{"first_names", p.first_names},
                      {"last_name", p.last_name},
                      {"date_of_birth", p.date_of_birth.empty() ? json(nullptr) : json(p.date_of_birth)},
                      {"address", p.address}});
  return {{"id", c.id},
          {"agency", c.agency},
          {"agency_name", c.agency_name},
          {"question", c.question},
          {"people", people},
          {"urgency", c.urgency},
          {"lawful_basis", c.lawful_basis_label},
          {"requested_at", calendar::FormatLocalIso(c.requested_at, zone)},
          {"due_at", Time(c.due_at, zone)},
          {"overdue", c.overdue},
          {"chases", c.chases},
          {"answered", c.answer.has_value()},
          {"answer", c.answer ? json(*c.answer) : json(nullptr)},
          {"answered_at", Time(c.answered_at, zone)},
          {"answered_by", c.answer ? json(c.answered_by_name) : json(nullptr)}};
}

void RegisterAgencyCheckApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("POST", "/api/v1/contacts/{id}/agency-check-requests", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
    auto body = JsonBody(r);
    if (!body) return body.error();
    auto draft = ReadDraft(*body);
    if (!draft) return http::ProblemFrom(draft.error());
    auto sent = app::SendAgencyCheck(ctx, ActorOf(r), *id, *draft);
    if (!sent) return http::ProblemFrom(sent.error());
    return http::Response::Json(201, RequestJson(*sent).dump());
  });
  // Issue 12 point 1: an overdue request is chased (its agency's partner users are told again).
  router.Add("POST", "/api/v1/contacts/{id}/agency-check-requests/{request}/chase", Access::kSignedIn,
             [&ctx](http::Request& r) {
               const auto id = IdParam(r);
               const auto request = IdParam(r, "request");
               if (!id || !request)
                 return http::Problem(404, "Not found", "There is no check request with that number on this contact");
               auto chased = app::ChaseAgencyCheck(ctx, ActorOf(r), *id, *request);
               if (!chased) return http::ProblemFrom(chased.error());
               return http::Response::Json(200, RequestJson(*chased).dump());
             });
  router.Add("GET", "/api/v1/partner/checks", Access::kSignedIn, [&ctx](http::Request& r) {
    auto checks = app::ListPartnerChecks(ctx, ActorOf(r));
    if (!checks) return http::ProblemFrom(checks.error());
    json items = json::array();
    for (const auto& c : *checks) items.push_back(PartnerCheckToJson(c, ctx.time_zone));
    return http::Response::Json(200, json{{"items", items}}.dump());
  });
  router.Add("GET", "/api/v1/partner/checks/{id}", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoCheck();
    auto check = app::OpenPartnerCheck(ctx, ActorOf(r), *id);
    if (!check) return http::ProblemFrom(check.error());
    return http::Response::Json(200, PartnerCheckToJson(*check, ctx.time_zone).dump());
  });
  router.Add("POST", "/api/v1/partner/checks/{id}", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoCheck();
    auto body = JsonBody(r);
    if (!body) return body.error();
    if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("answer", "Send {\"answer\": \"…\"}"));
    auto answered = app::AnswerPartnerCheck(ctx, ActorOf(r), *id, TextField(*body, "answer"));
    if (!answered) return http::ProblemFrom(answered.error());
    return http::Response::Json(200, PartnerCheckToJson(*answered, ctx.time_zone).dump());
  });
}

}  // namespace fd::api
