#include "api/workflow_routes.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/contact_json.h"
#include "app/duplicates.h"
#include "app/fast_track.h"
#include "app/same_child.h"
#include "app/passed_on.h"
#include "app/screening_allocation.h"
#include "app/sharing_requests.h"
#include "calendar/local_time.h"
#include "domain/field_words.h"
#include "domain/harm_override.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json OptionalTime(const std::optional<Instant>& t) { return t ? json(FormatUtc(*t)) : json(nullptr); }

// A request body: an object holding the contact's `version` and only the fields named.
struct Body {
  json value;
  std::int64_t version = 0;
};

std::expected<Body, http::Response> ReadBody(const http::Request& request, const std::set<std::string>& fields) {
  auto parsed = JsonBody(request);
  if (!parsed) return std::unexpected(parsed.error());
  if (!parsed->is_object())
    return std::unexpected(http::ProblemFrom(Error::InvalidField("", "The body must be a JSON object")));
  std::vector<FieldError> errors;
  for (const auto& [key, v] : parsed->items())
    if (key != "version" && !fields.contains(key))
      errors.push_back({key, "There is no such field here; check its spelling"});
  const auto version = parsed->find("version");
  if (version == parsed->end() || !version->is_number_integer())
    errors.push_back({"version", "Send the version of the contact you are looking at (a whole number), so a change "
                                 "made meanwhile by someone else is not overwritten"});
  for (const auto& name : fields) {
    auto it = parsed->find(name);
    if (it != parsed->end() && !it->is_null() && !it->is_string() && name != "answers" && name != "children" &&
        name != "household" && name != "information" && name != "contact" && name != "same_concern")
      errors.push_back({name, NotTextMessage(name)});
  }
  if (!errors.empty()) return std::unexpected(http::ProblemFrom(Error::Invalid(std::move(errors))));
  return Body{*parsed, version->get<std::int64_t>()};
}

std::string Text(const json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// An object of text values ("answers", "household") into `out`; a missing or null one leaves it empty.
Result<void> ReadTextObject(const json& body, const std::string& name, std::map<std::string, std::string>& out) {
  auto object = body.find(name);
  if (object == body.end() || object->is_null()) return {};
  if (!object->is_object()) return std::unexpected(Error::InvalidField(name, NotAnObjectMessage(name, "each answer as text")));
  for (const auto& [k, v] : object->items()) {
    if (!v.is_string()) return std::unexpected(Error::InvalidField(name + "." + k, NotTextMessage(name + "." + k)));
    out[k] = v.get<std::string>();
  }
  return {};
}

// HCR-13: a contact fast-tracked to the assessment team, on the contact and on the team's queue.
json FastTrackToJson(const store::FastTrack& f) {
  return {{"title", app::kFastTrackedTitle},
          {"contact", {{"id", f.contact_id}, {"reference", f.contact_reference}}},
          {"team", f.team},
          {"indicator", f.indicator.empty() ? json(nullptr) : json(f.indicator)},
          {"reason", f.reason.empty() ? json(nullptr) : json(f.reason)},
          {"by", f.by ? json{{"id", *f.by}, {"name", f.by_name}} : json(nullptr)},
          {"at", FormatUtc(f.at)},
          {"state", f.state}};
}

// POST /api/v1/contacts/{id}/fast-track {"reason"}: a worker fast-tracks it by hand (HCR-13).
http::Response FastTrackContact(app::AppContext& ctx, http::Request& r) {
  const auto id = IdParam(r);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto body = JsonBody(r);
  if (!body) return body.error();
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("reason", NotAnObjectMessage("body", "{reason}")));
  for (const auto& [key, value] : body->items())
    if (key != "reason") return http::ProblemFrom(Error::InvalidField(key, UnknownFieldMessage("a fast track", "reason")));
  std::string reason;
  if (body->contains("reason") && !(*body)["reason"].is_null()) {
    if (!(*body)["reason"].is_string()) return http::ProblemFrom(Error::InvalidField("reason", NotTextMessage("reason")));
    reason = (*body)["reason"].get<std::string>();
  }
  auto done = app::FastTrackByHand(ctx, ActorOf(r), *id, reason);
  if (!done) return http::ProblemFrom(done.error());
  return http::Response::Json(201, FastTrackToJson(*done).dump());
}

using Change = std::function<Result<void>(app::AppContext&, const app::Actor&, std::int64_t, const Body&)>;

// Runs one workflow change and answers with the contact's workflow as it now is (a re-read, not
// audited as a view: app/record_access.h).
http::Response Apply(app::AppContext& ctx, http::Request& request, const std::set<std::string>& fields,
                     const Change& change) {
  const auto id = IdParam(request);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto body = ReadBody(request, fields);
  if (!body) return body.error();
  const app::Actor actor = ActorOf(request);
  if (auto done = change(ctx, actor, *id, *body); !done) return http::ProblemFrom(done.error());
  auto view = app::GetWorkflow(ctx, actor, *id);
  if (!view) return http::ProblemFrom(view.error());
  return http::Response::Json(200, WorkflowToJson(*view, ctx.time_zone).dump());
}

}  // namespace

json WorkflowToJson(const app::WorkflowView& v, const std::string& time_zone) {
  json out = app::ContactToJson(v.contact, time_zone, v.screening ? &*v.screening : nullptr);
  json screening = nullptr;
  if (v.screening) {
    const Screening& s = *v.screening;
    screening = {{"started_by", s.started_by},
                 {"started_at", FormatUtc(s.started_at)},
                 {"answers", s.answers},
                 {"significant_harm", AnswerId(s.significant_harm)},
                 {"urgent_action", AnswerId(s.urgent_action)},
                 {"crime_possible", AnswerId(s.crime_possible)},
                 {"police_protection", AnswerId(s.police_protection)},
                 {"consent", ConsentId(s.consent)},
                 {"not_informed_reason", s.not_informed_reason},
                 {"not_informed_detail", s.not_informed_detail},
                 {"sharing_authorised_by", s.sharing_authorised_by ? json(*s.sharing_authorised_by) : json(nullptr)},
                 {"sharing_authorised_at", OptionalTime(s.sharing_authorised_at)},
                 {"sharing_authorisation_reason", s.sharing_authorisation_reason},
                 {"completed_at", OptionalTime(s.completed_at)}};
  }
  out["screening"] = screening;
  json tasks = json::array();
  for (const auto& t : v.tasks) tasks.push_back({{"id", t.id}, {"title", t.title}, {"rule", t.rule}, {"done", t.done}});
  out["tasks"] = tasks;
  json checks = json::array();
  for (const auto& c : v.record_checks) {
    // KCR-10, HCR-30: answers withheld on a restricted record are null with "withheld" and whom to
    // ask, never false.
    auto answer = [&](bool value) { return c.withheld_ask ? json(nullptr) : json(value); };
    // KCR-10, HCR-30: the check says whether the child is known to the register; the other
    // contacts about the same child today are known too, and said here as well.
    json others = json::array();
    for (const auto& o : v.same_child)
      if (o.child_position == c.child_position) others.push_back(o.reference);
    checks.push_back({{"child", c.child_position},
                      {"other_contacts", others},
                      {"known", c.known},
                      {"person_id", c.person_id ? json(*c.person_id) : json(nullptr)},
                      {"child_protection_plan", answer(c.child_protection_plan)},
                      {"looked_after", answer(c.looked_after)},
                      {"open_case", answer(c.open_case)},
                      {"withheld", c.withheld_ask.has_value()},
                      {"ask", c.withheld_ask ? json(*c.withheld_ask) : json(nullptr)},
                      {"household", c.household_known},
                      {"checked_at", FormatUtc(c.checked_at)},
                      // Run before the child's details were corrected: kept as run, on the details then.
                      {"run_on_earlier_details", c.details_corrected_at.has_value()},
                      {"details_corrected_at", OptionalTime(c.details_corrected_at)}});
  }
  out["record_checks"] = checks;
  out["other_contacts_about_child"] = app::SameChildToJson(v.same_child);
  // Who screens it: the worker a team manager allocated it to, else whoever started screening.
  out["screener"] = v.screener_id ? json{{"id", *v.screener_id}, {"name", v.screener_name}} : json(nullptr);
  out["screening_allocation"] =
      v.allocation ? json{{"worker", {{"id", v.allocation->user_id}, {"username", v.allocation->username},
                                      {"name", v.allocation->name}}},
                          {"allocated_by", v.allocation->allocated_by},
                          {"allocated_at", FormatUtc(v.allocation->allocated_at)}}
                   : json(nullptr);
  // HCR-5: a contact passed at receipt to an allocated worker: who handed it to whom and why, and
  // whether the holder has recorded it on the child's record.
  if (v.passed_on) {
    json hand_overs = json::array();
    for (const auto& h : v.passed_on->hand_overs)
      hand_overs.push_back({{"from", {{"id", h.from_user_id}, {"name", h.from_name}}},
                            {"to", {{"id", h.to_user_id}, {"name", h.to_name}}},
                            {"by", {{"id", h.by_user_id}, {"name", h.by_name}}},
                            {"reason", h.reason},
                            {"at", FormatUtc(h.at)}});
    const auto& rec = v.passed_on->recorded;
    out["passed_on"] = {{"hand_overs", hand_overs},
                        {"recorded_on_child_record",
                         rec ? json{{"by", {{"id", rec->recorded_by}, {"name", rec->recorded_by_name}}},
                                    {"at", FormatUtc(rec->recorded_at)},
                                    {"note", rec->note}}
                             : json(nullptr)}};
  } else {
    out["passed_on"] = nullptr;
  }
  // KCR-10, HCR-30: other contacts about the child being screened now by someone else, so the two
  // screeners can work together (never a refusal).
  json together = json::array();
  for (const auto& o : v.screened_at_the_same_time)
    together.push_back({{"contact_id", o.contact_id},
                        {"reference", o.reference},
                        {"screener", {{"id", *o.screening_by}, {"name", o.screening_by_name}}}});
  out["screened_at_the_same_time"] = together;
  json agencies = json::array();
  for (const auto& a : v.agency_checks)
    agencies.push_back({{"agency", a.agency},
                        {"asked_person", a.asked_person},
                        {"asked_at", calendar::FormatLocalIso(a.asked_at, time_zone)},
                        {"response", a.response},
                        {"recorded_by", a.recorded_by_name}});
  out["agency_checks"] = agencies;
  // Issue 12: the checks sent to partner agencies, answered or still awaited.
  json requests = json::array();
  for (const auto& q : v.check_requests) {
    json children = json::array();
    for (const auto& s : q.subjects) children.push_back(s.child_position);
    requests.push_back({{"id", q.id},
                        {"agency", q.agency},
                        {"question", q.question},
                        {"children", children},
                        {"lawful_basis", q.lawful_basis},
                        {"urgency", q.urgency},
                        {"requested_by", q.requested_by_name},
                        {"requested_at", q.requested_at},
                        {"due_at", q.due_at ? json(*q.due_at) : json(nullptr)},
                        {"answer", q.answer ? json(*q.answer) : json(nullptr)},
                        {"answered_by", q.answered_by ? json(q.answered_by_name) : json(nullptr)},
                        {"answered_at", q.answered_at ? json(*q.answered_at) : json(nullptr)}});
  }
  out["agency_check_requests"] = requests;
  json police = json::array();
  for (const auto& p : v.police_notifications)
    police.push_back({{"required_at", FormatUtc(p.required_at)},
                      {"done_at", OptionalTime(p.done_at)},
                      {"police_reference", p.police_reference},
                      {"note", p.note}});
  out["police_notifications"] = police;
  json decisions = json::array();
  for (const auto& d : v.decisions)
    decisions.push_back({{"id", d.id},
                         {"outcome", d.outcome},
                         {"outcome_label", d.outcome_label},
                         {"children", d.children},
                         {"sibling_reason", d.sibling_reason},
                         {"rationale", d.rationale},
                         {"next_steps", d.next_steps},
                         {"protective_factors", d.protective_factors},
                         {"primary_need", d.primary_need},
                         {"proposed_by", {{"id", d.proposed_by}, {"name", d.proposed_by_name}}},
                         {"proposed_at", FormatUtc(d.proposed_at)},
                         {"status", d.status},
                         {"decided_by", d.decided_by ? json{{"id", *d.decided_by}, {"name", d.decided_by_name}} : json(nullptr)},
                         {"decided_at", OptionalTime(d.decided_at)},
                         {"return_reason", d.return_reason},
                         // KCR-16, HCR-31, HCR-32: why not a strategy discussion (empty: not needed).
                         {"harm_override_reason", d.harm_override_reason},
                         {"authorised_override_reason", d.authorised_override_reason},
                         {"policy_version", d.policy_version}});
  out["decisions"] = decisions;
  // KCR-16, HCR-31, HCR-32: what screening found that calls for a strategy discussion (null: nothing).
  const std::string harm_found = v.screening ? HarmFoundWords(*v.screening) : "";
  out["harm_found"] = harm_found.empty() ? json(nullptr) : json(harm_found);
  // KCR-16: the proposal sent back that the contact is being worked on after, and why (null when none).
  const Decision* sent_back = app::SentBack(v);
  out["sent_back"] =
      sent_back
          ? json{{"by", {{"id", sent_back->decided_by.value_or(0)}, {"name", sent_back->decided_by_name}}},
                 {"at", OptionalTime(sent_back->decided_at)},
                 {"reason", sent_back->return_reason}}
          : json(nullptr);
  json outcomes = json::array();
  for (const auto& o : v.outcomes) outcomes.push_back({{"id", o.id}, {"label", o.label}, {"next", o.next}});
  out["outcomes"] = outcomes;
  out["referral"] = v.referral_reference ? json(*v.referral_reference) : json(nullptr);
  // A contact closed as a duplicate: the contact it duplicates, and the contacts duplicating this one.
  const auto link = [](const store::DuplicateLink& l) {
    return json{{"contact_id", l.contact_id},
                {"reference", l.reference},
                {"reason", l.reason},
                {"shares_child", l.shares_child},
                {"closed_by", {{"id", l.closed_by}, {"name", l.closed_by_name}}},
                {"closed_at", FormatUtc(l.closed_at)}};
  };
  out["duplicate_of"] = v.duplicate_of ? link(*v.duplicate_of) : json(nullptr);
  json duplicates = json::array();
  for (const auto& l : v.duplicates) duplicates.push_back(link(l));
  out["duplicates"] = duplicates;
  json not_applicable = json::array();
  for (const auto& d : v.deadlines_not_applicable)
    not_applicable.push_back({{"id", d.id},
                              {"timescale", d.timescale},
                              {"rule", d.rule_id},
                              {"obligation", d.obligation},
                              {"due_at", FormatUtc(d.due_at)},
                              {"closed_at", FormatUtc(d.closed_at)},
                              {"reason", d.reason}});
  out["deadlines_not_applicable"] = not_applicable;
  // HCR-13: fast-tracked to the assessment team (null when not).
  out["fast_tracked"] = v.fast_track ? FastTrackToJson(*v.fast_track) : json(nullptr);
  return out;
}

void RegisterWorkflowApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/contacts/{id}/workflow", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
    auto view = app::OpenWorkflow(ctx, ActorOf(r), *id);  // audited: contact.viewed
    if (!view) return http::ProblemFrom(view.error());
    return http::Response::Json(200, WorkflowToJson(*view, ctx.time_zone).dump());
  });
  router.Add("GET", "/api/v1/referrals", Access::kSignedIn, [&ctx](http::Request& r) {
    if (auto refused = QueryReader(r, ReferralListParams()).Refusal()) return http::ProblemFrom(*refused);
    auto referrals = app::ListReferrals(ctx, ActorOf(r), r.QueryParam("team"));
    if (!referrals) return http::ProblemFrom(referrals.error());
    json items = json::array();
    for (const auto& f : *referrals)
      items.push_back({{"reference", f.reference},
                       {"contact", {{"id", f.contact_id}, {"reference", f.contact_reference}}},
                       {"outcome", f.outcome},
                       {"team", f.team},
                       {"created_at", FormatUtc(f.created_at)}});
    // HCR-13: contacts fast-tracked to the team at receipt or by hand, before any decision.
    auto fast = app::ListFastTracked(ctx, ActorOf(r), r.QueryParam("team"));
    if (!fast) return http::ProblemFrom(fast.error());
    json fast_tracked = json::array();
    for (const auto& f : *fast) fast_tracked.push_back(FastTrackToJson(f));
    return http::Response::Json(200, json{{"items", items}, {"fast_tracked", fast_tracked}}.dump());
  });
  router.Add("POST", "/api/v1/contacts/{id}/fast-track", Access::kSignedIn,
             [&ctx](http::Request& r) { return FastTrackContact(ctx, r); });
  router.Add("POST", "/api/v1/contacts/{id}/screening/start", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::StartScreening(c, a, id, b.version);
    });
  });
  // A team manager allocates the contact's screening to a social worker of their team.
  router.Add("POST", "/api/v1/contacts/{id}/screening-allocation", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"worker"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::AllocateScreening(c, a, id, b.version, Text(b.value, "worker"));
    });
  });
  // HCR-5: a team manager hands a contact passed to an allocated worker to another social worker.
  router.Add("POST", "/api/v1/contacts/{id}/hand-over", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"worker", "reason"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::HandOverContact(c, a, id, b.version, Text(b.value, "worker"), Text(b.value, "reason"));
    });
  });
  // HCR-5: its holder records that it is on the child's record.
  router.Add("POST", "/api/v1/contacts/{id}/recorded-on-child-record", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"note"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::RecordOnChildRecord(c, a, id, b.version, Text(b.value, "note"));
    });
  });
  router.Add("PUT", "/api/v1/contacts/{id}/screening", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r,
                 {"answers", "significant_harm", "urgent_action", "crime_possible", "police_protection", "consent",
                  "not_informed_reason", "not_informed_detail", "household", "information"},
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) -> Result<void> {
                   ScreeningDraft draft;
                   if (auto read = ReadTextObject(b.value, "answers", draft.answers); !read) return read;
                   // KCR-6: the household answers, shaped as in POST /api/v1/contacts' intake.household.
                   if (auto read = ReadTextObject(b.value, "household", draft.household); !read) return read;
                   // KCR-7: checklist items gathered after intake, shaped as POST /api/v1/contacts' intake.information.
                   if (auto read = ReadTextObject(b.value, "information", draft.information); !read) return read;
                   draft.significant_harm = Text(b.value, "significant_harm");
                   draft.urgent_action = Text(b.value, "urgent_action");
                   draft.crime_possible = Text(b.value, "crime_possible");
                   draft.police_protection = Text(b.value, "police_protection");
                   draft.consent = Text(b.value, "consent");
                   draft.not_informed_reason = Text(b.value, "not_informed_reason");
                   draft.not_informed_detail = Text(b.value, "not_informed_detail");
                   return app::SaveScreening(c, a, id, b.version, draft);
                 });
  });
  router.Add("POST", "/api/v1/contacts/{id}/record-checks", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) -> Result<void> {
      auto checks = app::RunRecordChecks(c, a, id, b.version);
      if (!checks) return std::unexpected(checks.error());
      return {};
    });
  });
  router.Add("POST", "/api/v1/contacts/{id}/agency-checks", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"agency", "asked_person", "asked_at", "response"},
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
                   return app::AddAgencyCheck(c, a, id, b.version,
                                              {Text(b.value, "agency"), Text(b.value, "asked_person"),
                                               Text(b.value, "asked_at"), Text(b.value, "response")});
                 });
  });
  router.Add("POST", "/api/v1/contacts/{id}/sharing-authorisation", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"reason"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::AuthoriseSharing(c, a, id, b.version, Text(b.value, "reason"));
    });
  });
  // KCR-15, HCR-26: the worker asks the team's managers to authorise it (app/sharing_requests.h); the
  // version is asked for as at every step, though asking changes nothing of the contact.
  router.Add("POST", "/api/v1/contacts/{id}/sharing-authorisation-request", Access::kSignedIn,
             [&ctx](http::Request& r) {
               return Apply(ctx, r, {},
                            [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body&) -> Result<void> {
                              auto asked = app::AskForSharingAuthorisation(c, a, id);
                              if (!asked) return std::unexpected(asked.error());
                              return {};
                            });
             });
  router.Add("POST", "/api/v1/contacts/{id}/police-notification", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"police_reference", "note"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::RecordPoliceNotified(c, a, id, b.version, Text(b.value, "police_reference"), Text(b.value, "note"));
    });
  });
  router.Add("POST", "/api/v1/contacts/{id}/screening/complete", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::CompleteScreening(c, a, id, b.version);
    });
  });
  router.Add("POST", "/api/v1/contacts/{id}/decision", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r,
                 {"outcome", "children", "sibling_reason", "rationale", "next_steps", "protective_factors", "primary_need",
                  "harm_override_reason"},
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) -> Result<void> {
                   DecisionDraft draft;
                   draft.outcome = Text(b.value, "outcome");
                   draft.sibling_reason = Text(b.value, "sibling_reason");
                   draft.rationale = Text(b.value, "rationale");
                   draft.next_steps = Text(b.value, "next_steps");
                   draft.protective_factors = Text(b.value, "protective_factors");
                   draft.primary_need = Text(b.value, "primary_need");
                   draft.harm_override_reason = Text(b.value, "harm_override_reason");
                   if (auto children = b.value.find("children"); children != b.value.end() && !children->is_null()) {
                     if (!children->is_array())
                       return std::unexpected(Error::InvalidField("children", NotAListMessage("children", "child numbers, from 0")));
                     for (const auto& n : *children) {
                       if (!n.is_number_integer())
                         return std::unexpected(
                             Error::InvalidField("children", "children must list child positions (0 for the first)"));
                       draft.children.push_back(n.get<int>());
                     }
                   }
                   return app::ProposeDecision(c, a, id, b.version, draft);
                 });
  });
  router.Add("POST", "/api/v1/contacts/{id}/decision/authorise", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"override_reason"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::AuthoriseDecision(c, a, id, b.version, Text(b.value, "override_reason"));
    });
  });
  // Closes the contact as a duplicate of another (app/duplicates.h): "contact" names the original by
  // reference or number, "same_concern" (true/false) confirms one concern when no child is shared.
  router.Add("POST", "/api/v1/contacts/{id}/duplicate-of", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"contact", "reason", "same_concern"},
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) -> Result<void> {
                   app::DuplicateDraft draft;
                   draft.reason = Text(b.value, "reason");
                   std::vector<FieldError> errors;
                   if (auto named = b.value.find("contact"); named != b.value.end() && !named->is_null()) {
                     if (named->is_string()) draft.contact = named->get<std::string>();
                     else if (named->is_number_integer()) draft.contact = std::to_string(named->get<std::int64_t>());
                     else errors.push_back({"contact", "contact must be the other contact's reference (text) or number"});
                   }
                   if (auto same = b.value.find("same_concern"); same != b.value.end() && !same->is_null()) {
                     if (same->is_boolean()) draft.same_concern = same->get<bool>();
                     else errors.push_back({"same_concern", "same_concern must be true or false"});
                   }
                   if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
                   return app::CloseAsDuplicate(c, a, id, b.version, draft);
                 });
  });
  // A team manager reopens a contact closed as a duplicate by mistake (app/duplicates.h). Named for
  // what it undoes, beside duplicate-of: a bare "reopen" would read as reopening a decided contact,
  // which frontdoor does not do. The answer is the workflow with "reopened": the stage it returned
  // to and its deadlines restored, each saying whether its due time had already passed (breached).
  router.Add("POST", "/api/v1/contacts/{id}/reopen-duplicate", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
    auto body = ReadBody(r, {"reason"});
    if (!body) return body.error();
    const app::Actor actor = ActorOf(r);
    auto done = app::ReopenDuplicate(ctx, actor, *id, body->version, Text(body->value, "reason"));
    if (!done) return http::ProblemFrom(done.error());
    auto view = app::GetWorkflow(ctx, actor, *id);
    if (!view) return http::ProblemFrom(view.error());
    json out = WorkflowToJson(*view, ctx.time_zone);
    json restored = json::array();
    for (const auto& d : done->restored) {
      const bool breached = std::any_of(done->breached.begin(), done->breached.end(),
                                        [&](const store::NotApplicableDeadline& b) { return b.id == d.id; });
      restored.push_back({{"id", d.id},
                          {"timescale", d.timescale},
                          {"rule", d.rule_id},
                          {"obligation", d.obligation},
                          {"due_at", FormatUtc(d.due_at)},
                          {"breached", breached}});
    }
    out["reopened"] = {{"state", done->state}, {"deadlines_restored", restored}};
    return http::Response::Json(200, out.dump());
  });
  router.Add("POST", "/api/v1/contacts/{id}/decision/return", Access::kSignedIn, [&ctx](http::Request& r) {
    return Apply(ctx, r, {"reason"}, [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Body& b) {
      return app::ReturnDecision(c, a, id, b.version, Text(b.value, "reason"));
    });
  });
}

}  // namespace fd::api
