#include "api/chair_consultation_routes.h"

#include <functional>
#include <map>

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/field_words.h"
#include "app/chair_consultation_child.h"
#include "app/deadline_json.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

enum class Kind { kText, kFlag, kWhole };

json OptionalTime(const std::optional<Instant>& t) { return t ? json(FormatUtc(*t)) : json(nullptr); }

// Reads a JSON object holding only `fields`, each of its kind. An unknown field is refused naming it,
// with `unknown` saying why ("{}" is the field), rather than silently ignored.
Result<json> ReadObject(const json& body, const std::map<std::string, Kind>& fields, const char* unknown) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body.items()) {
    auto it = fields.find(key);
    if (it == fields.end()) {
      errors.push_back({key, unknown});
      continue;
    }
    if (value.is_null()) continue;
    switch (it->second) {
      case Kind::kText:
        if (!value.is_string()) errors.push_back({key, NotTextMessage(key)});
        break;
      case Kind::kFlag:
        if (!value.is_boolean()) errors.push_back({key, NotTrueOrFalseMessage(key)});
        break;
      case Kind::kWhole:
        if (!value.is_number_integer()) errors.push_back({key, FieldWords(key) + " must be a whole number"});
        break;
    }
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return body;
}

std::string Text(const json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<bool> Flag(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

// The consultation as it is now: opened (GET, audited as chair-consultation.viewed), or re-read after
// a request or a step (not a view: app/record_access.h).
http::Response Show(app::AppContext& ctx, const http::Request& request, std::int64_t id, int status,
                    bool opened = false) {
  auto view = opened ? app::OpenChairConsultation(ctx, ActorOf(request), id)
                     : app::GetChairConsultation(ctx, ActorOf(request), id);
  if (!view) return http::ProblemFrom(view.error());
  auto response = http::Response::Json(status, ChairConsultationToJson(*view, ctx.time_zone).dump());
  if (status == 201) response.Header("Location", fmt::format("/api/v1/chair-consultations/{}", id));
  return response;
}

http::Response Request(app::AppContext& ctx, http::Request& request) {
  auto parsed = JsonBody(request);
  if (!parsed) return parsed.error();
  static const std::map<std::string, Kind> fields = {
      {"area", Kind::kText},           {"child_first_names", Kind::kText},   {"child_last_name", Kind::kText},
      {"child_date_of_birth", Kind::kText}, {"contact_reference", Kind::kText}, {"reason", Kind::kText},
      {"strategy_discussion_held", Kind::kFlag}, {"strategy_discussion_date", Kind::kText},
      {"icpc_decision_made", Kind::kFlag}};
  auto body = ReadObject(*parsed, fields, UnknownFieldMessage("a Child Protection Chair consultation request").c_str());
  if (!body) return http::ProblemFrom(body.error());
  app::ChairConsultationRequest r;
  r.area = Text(*body, "area");
  r.child_first_names = Text(*body, "child_first_names");
  r.child_last_name = Text(*body, "child_last_name");
  r.child_date_of_birth = Text(*body, "child_date_of_birth");
  r.contact_reference = Text(*body, "contact_reference");
  r.reason = Text(*body, "reason");
  r.strategy_discussion_held = Flag(*body, "strategy_discussion_held");
  r.strategy_discussion_date = Text(*body, "strategy_discussion_date");
  r.icpc_decision_made = Flag(*body, "icpc_decision_made");
  auto outcome = app::RequestChairConsultation(ctx, ActorOf(request), r);
  if (!outcome) return http::ProblemFrom(outcome.error());
  if (!outcome->accepted()) {
    // CPC-8: refused by the procedures, with the rule and what happens instead.
    const auto& refusal = *outcome->refusal;
    json problem = {{"type", "about:blank"},   {"title", "No consultation requested"}, {"status", 422},
                    {"detail", refusal.reason}, {"rule", refusal.rule},                {"precondition", refusal.precondition},
                    {"route", refusal.route}};
    return http::Response{422, "application/problem+json", {}, problem.dump()};
  }
  return Show(ctx, request, *outcome->id, 201);
}

using Step = std::function<Result<void>(app::AppContext&, const app::Actor&, std::int64_t, const json&)>;

// A step on one consultation: the body holds only `fields`; the answer is the consultation as it now is.
http::Response Apply(app::AppContext& ctx, http::Request& request, const std::map<std::string, Kind>& fields,
                     const char* unknown, const Step& step) {
  const auto id = IdParam(request);
  if (!id) return http::Problem(404, "Not found", "There is no Child Protection Chair consultation with that number");
  auto parsed = JsonBody(request);
  if (!parsed) return parsed.error();
  auto body = ReadObject(*parsed, fields, unknown);
  if (!body) return http::ProblemFrom(body.error());
  if (auto done = step(ctx, ActorOf(request), *id, *body); !done) return http::ProblemFrom(done.error());
  return Show(ctx, request, *id, 200);
}

// CPC-4: {"person_id": 12} links the register record; {"new_person": true} adds the child to the
// register from the request and links that. The answer is the consultation, with `warnings` where
// the record's name or date of birth is not the request's.
http::Response LinkChild(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Problem(404, "Not found", "There is no Child Protection Chair consultation with that number");
  auto parsed = JsonBody(request);
  if (!parsed) return parsed.error();
  auto body = ReadObject(*parsed, {{"person_id", Kind::kWhole}, {"new_person", Kind::kFlag}},
                         "There is no such field here: send person_id, or new_person");
  if (!body) return http::ProblemFrom(body.error());
  const auto person = body->find("person_id");
  const bool has_person = person != body->end() && person->is_number_integer();
  const bool new_person = Flag(*body, "new_person").value_or(false);
  if (has_person == new_person)
    return http::ProblemFrom(Error::InvalidField(
        "person_id", "Send the register record's number as person_id, or new_person true to add the child to the "
                     "register: one of the two"));
  const app::Actor actor = ActorOf(request);
  auto linked = new_person ? app::AddChairConsultationChild(ctx, actor, *id)
                           : app::LinkChairConsultationChild(ctx, actor, *id, person->get<std::int64_t>());
  if (!linked) return http::ProblemFrom(linked.error());
  auto view = app::GetChairConsultation(ctx, actor, *id);
  if (!view) return http::ProblemFrom(view.error());
  json out = ChairConsultationToJson(*view, ctx.time_zone);
  json warnings = json::array();
  for (const auto& w : linked->warnings) warnings.push_back({{"field", w.field}, {"message", w.message}});
  out["warnings"] = warnings;
  return http::Response::Json(200, out.dump());
}

}  // namespace

json ChairConsultationToJson(const app::ChairConsultationView& v, const std::string& time_zone) {
  auto person = [](std::optional<std::int64_t> id, const std::string& name) {
    return id ? json{{"id", *id}, {"name", name}} : json(nullptr);
  };
  json flags = json::array();
  for (const auto& f : v.flags) flags.push_back({{"rule", f.rule}, {"message", f.message}});
  json record = nullptr;
  if (v.recorded_at) {
    record = json::object();
    for (const auto& h : ChairConsultationHeadings()) {
      auto it = v.record.find(std::string(h.id));
      record[std::string(h.id)] = it == v.record.end() ? std::string() : it->second;
    }
  }
  json headings = json::array();
  for (const auto& h : ChairConsultationHeadings())
    headings.push_back({{"id", std::string(h.id)}, {"title", std::string(h.title)}});
  json deadlines = json::array();
  for (const auto& d : v.deadlines) deadlines.push_back(app::DeadlineToJson(d, v.now, v.end_of_today, time_zone));
  return {{"id", v.id},
          {"reference", v.reference},
          {"status", v.status},
          {"status_title", v.status_title},
          {"area", {{"id", v.area}, {"name", v.area_name}}},
          {"policy_version", v.policy_version},
          {"requested_at", FormatUtc(v.requested_at)},
          {"requested_by", person(v.requested_by, v.requested_by_name)},
          {"child", {{"first_names", v.child_first_names}, {"last_name", v.child_last_name},
                     {"date_of_birth", v.child_date_of_birth}}},
          {"person_id", v.person_id ? json(*v.person_id) : json(nullptr)},
          // CPC-4: who put it on the child's record by hand, and when; null when linked at the request.
          {"linked_by_hand", v.linked_by_hand ? json{{"by", person(v.linked_by_hand->by, v.linked_by_hand->by_name)},
                                                     {"at", FormatUtc(v.linked_by_hand->at)},
                                                     {"new_person", v.linked_by_hand->new_person}}
                                              : json(nullptr)},
          {"contact_reference", v.contact_reference},
          {"reason", v.reason},
          {"strategy_discussion_held", v.strategy_discussion_held},
          {"strategy_discussion_date", v.strategy_discussion_date},
          {"flags", flags},
          {"allocated_chair", person(v.allocated_chair_id, v.allocated_chair_name)},
          {"allocated_by", person(v.allocated_by, v.allocated_by_name)},
          {"allocated_at", OptionalTime(v.allocated_at)},
          {"contacted_at", OptionalTime(v.contacted_at)},
          {"arranged_for", OptionalTime(v.arranged_for)},
          {"held_at", OptionalTime(v.held_at)},
          {"recorded_at", OptionalTime(v.recorded_at)},
          {"headings", headings},
          {"record", record},
          {"retention_class", v.retention_class},
          {"review_on", v.review_on},
          {"decision_note", std::string(kChairConsultationDecisionNote)},
          {"deadlines", deadlines}};
}

// What is due next (CPC-2 allocation, CPC-3 contact, CPC-4 record), as the contact queues give
// `decide_by`: the time, and whether it has passed; null when nothing is open.
namespace {

json NextDueToJson(const app::ChairConsultationView& v) {
  const auto due = app::NextDue(v);
  if (!due) return nullptr;
  return {{"timescale", due->timescale}, {"rule", due->rule}, {"obligation", due->obligation},
          {"due_at", FormatUtc(due->due_at)}};
}

bool OverdueOf(const app::ChairConsultationView& v) {
  const auto due = app::NextDue(v);
  return due && due->overdue;
}

}  // namespace

// A row of the list: what the list page shows. Never the reason, the CPC-5 record or the child's date
// of birth: a list is not audited as a view (docs/security.md "Read audit"), so the consultation itself
// is read by id, which records the look.
json ChairConsultationSummaryToJson(const app::ChairConsultationView& v) {
  auto person = [](std::optional<std::int64_t> id, const std::string& name) {
    return id ? json{{"id", *id}, {"name", name}} : json(nullptr);
  };
  json flags = json::array();
  for (const auto& f : v.flags) flags.push_back({{"rule", f.rule}, {"message", f.message}});
  return {{"id", v.id},
          {"reference", v.reference},
          {"status", v.status},
          {"status_title", v.status_title},
          {"area", {{"id", v.area}, {"name", v.area_name}}},
          {"requested_at", FormatUtc(v.requested_at)},
          {"requested_by", person(v.requested_by, v.requested_by_name)},
          {"child", {{"first_names", v.child_first_names}, {"last_name", v.child_last_name}}},
          {"flags", flags},
          {"allocated_chair", person(v.allocated_chair_id, v.allocated_chair_name)},
          {"next_due", NextDueToJson(v)},
          {"overdue", OverdueOf(v)}};
}

void RegisterChairConsultationApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/chair-consultations", Access::kSignedIn, [&ctx](http::Request& r) {
    auto list = app::ListChairConsultations(ctx, ActorOf(r));
    if (!list) return http::ProblemFrom(list.error());
    json items = json::array();
    for (const auto& v : *list) items.push_back(ChairConsultationSummaryToJson(v));
    return http::Response::Json(200, json{{"items", items}}.dump());
  });
  router.Add("POST", "/api/v1/chair-consultations", Access::kSignedIn,
             [&ctx](http::Request& r) { return Request(ctx, r); });
  router.Add("GET", "/api/v1/chair-consultations/{id}", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no Child Protection Chair consultation with that number");
    return Show(ctx, r, *id, 200, /*opened=*/true);
  });
  router.Add("POST", "/api/v1/chair-consultations/{id}/allocate", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {{"chair_user_id", Kind::kWhole}}, "There is no such field here: send chair_user_id only",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const json& b) -> Result<void> {
                   auto chair = b.find("chair_user_id");
                   if (chair == b.end() || !chair->is_number_integer())
                     return std::unexpected(
                         Error::InvalidField("chair_user_id", "Send the user id of the Child Protection Chair"));
                   return app::AllocateChairConsultation(c, a, id, chair->get<std::int64_t>());
                 });
  });
  router.Add("POST", "/api/v1/chair-consultations/{id}/contacted", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {{"arranged_for", Kind::kText}}, "There is no such field here: send arranged_for only",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const json& b) {
                   return app::RecordChairContact(c, a, id, Text(b, "arranged_for"));
                 });
  });
  // CPC-4: put it on the child's record by hand (app/chair_consultation_child.h).
  router.Add("POST", "/api/v1/chair-consultations/{id}/child", Access::kSignedIn,
             [&ctx](http::Request& r) { return LinkChild(ctx, r); });
  std::map<std::string, Kind> record_fields = {{"held_at", Kind::kText}};
  for (const auto& h : ChairConsultationHeadings()) record_fields[std::string(h.id)] = Kind::kText;
  router.Add("POST", "/api/v1/chair-consultations/{id}/record", Access::kSignedIn, [&ctx, record_fields](http::Request& r) {
    // CPC-6: the record holds the CPC-5 headings and nothing that decides, so "decision" is refused.
    return Apply(ctx, r, record_fields,
                 "The record has no such field: it holds held_at and the eight CPC-5 headings only. The district "
                 "social work team remains responsible for the decision (CPC-6)",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const json& b) {
                   app::ChairConsultationRecordDraft draft;
                   draft.held_at = Text(b, "held_at");
                   for (const auto& h : ChairConsultationHeadings()) {
                     const std::string field(h.id);
                     draft.headings[field] = Text(b, field.c_str());
                   }
                   return app::RecordChairConsultation(c, a, id, draft);
                 });
  });
}

}  // namespace fd::api
