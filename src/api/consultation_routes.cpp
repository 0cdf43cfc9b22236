#include "api/consultation_routes.h"

#include <set>

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/consultations.h"
#include "calendar/local_time.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

// Reads the "child" object of a named consultation; field errors are named "child.<field>".
void ReadChild(const json& value, app::ConsultationChild& child, std::vector<FieldError>& errors) {
  if (value.is_null()) return;
  if (!value.is_object()) {
    errors.push_back({"child", NotAnObjectMessage("child", "{first_names, last_name, date_of_birth}")});
    return;
  }
  for (const auto& [key, v] : value.items()) {
    std::string* target = key == "first_names"     ? &child.first_names
                          : key == "last_name"     ? &child.last_name
                          : key == "date_of_birth" ? &child.date_of_birth
                                                   : nullptr;
    if (!target) errors.push_back({"child." + key, UnknownFieldMessage("the child", "first_names, last_name, date_of_birth")});
    else if (!v.is_string()) errors.push_back({"child." + key, NotTextMessage("child." + key)});
    else *target = v.get<std::string>();
  }
}

// Reads "child_open_to" ({name, team, phone}); field errors are named "child_open_to.<field>". A field
// of another type is the caller's mistake to name, not a default to fall back on.
void ReadAllocatedWorker(const json& value, std::optional<AllocatedWorker>& worker,
                         std::vector<FieldError>& errors) {
  if (value.is_null()) return;
  if (!value.is_object()) {
    errors.push_back({"child_open_to", NotAnObjectMessage("child_open_to", "{name, team, phone}")});
    return;
  }
  AllocatedWorker read;
  for (const auto& [key, v] : value.items()) {
    std::string* target = key == "name"    ? &read.name
                          : key == "team"  ? &read.team
                          : key == "phone" ? &read.phone
                                           : nullptr;
    if (!target)
      errors.push_back(
          {"child_open_to." + key, UnknownFieldMessage("the worker the child is open to", "name, team, phone")});
    else if (!v.is_null() && !v.is_string())
      errors.push_back({"child_open_to." + key, NotTextMessage("child_open_to." + key)});
    else if (v.is_string())
      *target = v.get<std::string>();
  }
  worker = std::move(read);
}

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
      if (!value.is_string()) errors.push_back({key, NotTextMessage(key)});
    } else if (flags.contains(key)) {
      if (!value.is_boolean()) errors.push_back({key, NotTrueOrFalseMessage(key)});
    } else if (key == "indicators") {
      if (!value.is_array()) errors.push_back({key, NotAListMessage(key, "the procedures' indicator ids")});
      else
        for (const auto& i : value)
          if (i.is_string()) r.indicators.push_back(i.get<std::string>());
          else errors.push_back({key, "each indicator must be text"});
    } else if (key == "child_open_to") {
      ReadAllocatedWorker(value, r.child_open_to, errors);
    } else if (key == "child") {
      // Named types only: the use case refuses a child on a no-named type (FDS-7).
      ReadChild(value, r.child, errors);
    } else {
      // FDS-7: a no-named consultation has no child-identity fields at all; say so rather than ignore.
      errors.push_back({key, "A consultation request has no field of this name (no-named requests hold nothing that "
                            "identifies the child; named ones give the child as \"child\")"});
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

Result<app::ConsultationAdvice> AdviceFromJson(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  app::ConsultationAdvice a;
  for (const auto& [key, value] : body.items()) {
    std::string* text = key == "questions" ? &a.questions : key == "advice" ? &a.advice
                        : key == "advised_route" ? &a.advised_route : nullptr;
    if (text) {
      if (value.is_string()) *text = value.get<std::string>();
      else errors.push_back({key, NotTextMessage(key)});
    } else if (key == "safeguarding") {
      if (value.is_boolean()) a.safeguarding = value.get<bool>();
      else errors.push_back({key, NotTrueOrFalseMessage(key)});
    } else if (key == "child") {
      ReadChild(value, a.child, errors);
    } else {
      errors.push_back({key, UnknownFieldMessage("a consultation record", "questions, advice, safeguarding, advised_route, child")});
    }
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return a;
}

json OptionalTime(const std::optional<Instant>& at) { return at ? json(FormatUtc(*at)) : json(nullptr); }

json ViewToJson(const app::ConsultationView& v) {
  json out = {{"id", v.id},
              {"number", v.number},
              {"type", v.type},
              {"type_name", v.type_name},
              {"policy_version", v.policy_version},
              {"status", v.status},
              {"named", v.named},
              {"consultee", {{"name", v.consultee_name}, {"role", v.consultee_role},
                             {"organisation", v.consultee_organisation}, {"phone", v.consultee_phone},
                             {"email", v.consultee_email}, {"caller_type", v.caller_type}}},
              {"summary", v.summary},
              {"requested_at", FormatUtc(v.requested_at)},
              {"call_back_by", OptionalTime(v.call_back_by)},
              {"recorded", v.recorded},
              {"retention", {{"class", v.retention_class}, {"review_on", v.review_on}}}};
  if (v.named) {
    out["child"] = {{"first_names", v.child.first_names}, {"last_name", v.child.last_name},
                    {"date_of_birth", v.child.date_of_birth}};
    out["on_child_record"] = v.person_id.has_value();
    out["register_answer"] = v.register_answer;  // CRU-3: only ever whom to contact
  }
  if (!v.advice_routes.empty()) out["advice_routes"] = v.advice_routes;
  if (v.status != "queued") {
    out["questions"] = v.questions;
    out["advice"] = v.advice;
    out["advised_route"] = v.advised_route;
    out["safeguarding"] = v.safeguarding;
    out["advised_by"] = v.advised_by_name;
    out["advised_at"] = OptionalTime(v.advised_at);
    out["followed_by"] = v.followed_by_reference.empty() ? json(nullptr) : json(v.followed_by_reference);
    // FDS-9, KCR-5: the adviser is told plainly whether the number went by e-mail, and if not, to
    // give it by phone.
    if (v.number_emailed)
      out["number_email"] = {{"sent", !v.number_emailed_to.empty()},
                             {"to", v.number_emailed_to.empty() ? json(nullptr) : json(v.number_emailed_to)},
                             {"message", app::NumberEmailNote(v)}};
  }
  return out;
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
    // HCR-12: significant harm is a referral now: where to make it.
    if (r.precondition == precondition::kNoSignificantHarm)
      problem["make_referral"] = {{"method", "POST"}, {"href", "/api/v1/contacts"}, {"page", "/contacts/new"}};
    return http::Response{422, "application/problem+json", {}, problem.dump()};
  }
  json out = {{"id", *outcome->id}, {"number", outcome->number}, {"status", "queued"},
              {"call_back_by", OptionalTime(outcome->call_back_by)}, {"warnings", outcome->check.warnings}};
  return http::Response::Json(201, out.dump());
}

template <typename F>
http::Response WithId(http::Request& r, F&& f) {
  const auto id = IdParam(r);
  if (!id) return http::Problem(404, "Not found", "There is no consultation with that number");
  return f(*id);
}

// A row of the call-back queue: what the queue page shows. Never the summary, the child, the
// consultee's phone or e-mail, nor the advice: a queue is not audited as a view (docs/security.md
// "Read audit"); the adviser opens the consultation to call back, and that look is recorded.
json QueueRowToJson(const app::ConsultationView& v) {
  return {{"id", v.id},
          {"number", v.number},
          {"type", v.type},
          {"type_name", v.type_name},
          {"status", v.status},
          {"named", v.named},
          {"consultee", {{"name", v.consultee_name}, {"organisation", v.consultee_organisation}}},
          {"requested_at", FormatUtc(v.requested_at)},
          {"call_back_by", OptionalTime(v.call_back_by)},
          {"recorded", v.recorded}};
}

}  // namespace

void RegisterConsultationApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/consultations", http::Access::kSignedIn, [&ctx](http::Request& r) {
    auto queue = app::ListConsultationQueue(ctx, ActorOf(r));
    if (!queue) return http::ProblemFrom(queue.error());
    json items = json::array();
    for (const auto& c : *queue) items.push_back(QueueRowToJson(c));
    return http::Response::Json(200, json{{"items", items}}.dump());
  });
  router.Add("GET", "/api/v1/consultations/{id}", http::Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto view = app::OpenConsultation(ctx, ActorOf(r), id);  // audited: consultation.viewed
      if (!view) return http::ProblemFrom(view.error());
      return http::Response::Json(200, ViewToJson(*view).dump());
    });
  });
  router.Add("POST", "/api/v1/consultations/{id}/register-check", http::Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto body = JsonBody(r);
      if (!body) return body.error();
      app::ConsultationChild child;
      std::vector<FieldError> errors;
      if (!body->is_object()) errors.push_back({"", "The body must be a JSON object"});
      else
        for (const auto& [key, value] : body->items())
          if (key == "child") ReadChild(value, child, errors);
          else errors.push_back({key, "A register check has no field of this name: send the child only"});
      if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
      auto view = app::CheckConsultationRegister(ctx, ActorOf(r), id, child);
      if (!view) return http::ProblemFrom(view.error());
      return http::Response::Json(200, ViewToJson(*view).dump());
    });
  });
  router.Add("POST", "/api/v1/consultations/{id}/record", http::Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto body = JsonBody(r);
      if (!body) return body.error();
      auto advice = AdviceFromJson(*body);
      if (!advice) return http::ProblemFrom(advice.error());
      auto view = app::RecordConsultationAdvice(ctx, ActorOf(r), id, *advice);
      if (!view) return http::ProblemFrom(view.error());
      return http::Response::Json(200, ViewToJson(*view).dump());
    });
  });
  router.Add("POST", "/api/v1/consultations", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return Request(ctx, r); });
}

}  // namespace fd::api
