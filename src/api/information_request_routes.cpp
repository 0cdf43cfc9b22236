#include "api/information_request_routes.h"

#include <set>
#include <string_view>

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json Nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json Nullable(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json ItemsJson(const std::vector<store::SharedItemRow>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back({{"kind", i.kind}, {"text", i.text}});
  return out;
}

json SharedJson(const std::vector<store::InformationSharedRow>& rows) {
  json out = json::array();
  for (const auto& s : rows)
    out.push_back({{"id", s.id},
                   {"request_id", s.request_id},
                   {"request_reference", s.request_reference},
                   {"to", s.shared_to},
                   {"organisation", s.organisation},
                   {"channel", s.channel},
                   {"shared_at", s.shared_at},
                   {"shared_by", s.shared_by_name},
                   {"authorised_by", s.authorised_by_name},
                   {"items", ItemsJson(s.items)}});
  return out;
}

// The bases an answer may rest on, the one used when none is stated first (finding 6).
json LawfulBasesJson(const std::vector<policy::LawfulBasis>& bases) {
  json out = json::array();
  for (const auto& b : bases) out.push_back({{"id", b.id}, {"label", b.label}});
  return out;
}

json TypeJson(const InformationRequestType& t) {
  return {{"id", t.id},           {"name", t.name},
          {"rule", t.rule},       {"description", t.description},
          {"checks", t.checks},   {"route", t.route},
          {"reply_domains", t.reply_domains}, {"manager_review", t.manager_review},
          {"answers", t.answers}, {"shareable", ShareableKinds(t.answers)},
          {"subject_access", t.subject_access},
          {"lawful_basis", t.lawful_basis.empty() ? json(nullptr) : json(t.lawful_basis)}};
}

json RecordSummaryJson(const store::InformationRequestRecord& r) {
  return {{"id", r.id},
          {"reference", r.reference},
          {"type", r.type},
          {"status", r.status},
          {"received_at", r.received_at},
          {"requester", {{"name", r.requester_name}, {"organisation", r.requester_organisation}}},
          {"route", r.route},
          {"allocated_to", r.allocated_name}};
}

// Reads an object of known keys, naming every unknown or mistyped one.
struct Reader {
  const json& body;
  std::vector<FieldError>& errors;
  void Text(const char* key, std::string& out) const {
    if (!body.contains(key)) return;
    if (body[key].is_string()) out = body[key].get<std::string>();
    else errors.push_back({key, NotTextMessage(key)});
  }
  void Flag(const char* key, bool& out) const {
    if (!body.contains(key)) return;
    if (body[key].is_boolean()) out = body[key].get<bool>();
    else errors.push_back({key, NotTrueOrFalseMessage(key)});
  }
  void Flag(const char* key, std::optional<bool>& out) const {
    bool value = false;
    if (!body.contains(key)) return;
    Flag(key, value);
    if (body[key].is_boolean()) out = value;
  }
  void OnlyKnown(const std::set<std::string>& known, const char* what) const {
    for (const auto& [key, value] : body.items())
      if (!known.contains(key)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        errors.push_back({key, UnknownFieldMessage(what, list)});
      }
  }
};

// What is wrong with the body's fields is carried in the draft (reading_errors), so the use case
// reports it with every other problem in one answer.
Result<app::InformationRequestDraft> DraftFromJson(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  Reader in{body, errors};
  in.OnlyKnown({"type", "requester_name", "requester_organisation", "requester_role", "requester_email",
                "requester_phone", "subject_first_names", "subject_last_name", "subject_date_of_birth", "person_id",
                "details", "identity_in_doubt", "safeguarding_purpose", "consent", "signed_parental_consent",
                "identity_verified", "investigatory_body", "reasons", "received_at"},
               "a request for information");
  app::InformationRequestDraft d;
  in.Text("type", d.type);
  in.Text("requester_name", d.requester_name);
  in.Text("requester_organisation", d.requester_organisation);
  in.Text("requester_role", d.requester_role);
  in.Text("requester_email", d.requester_email);
  in.Text("requester_phone", d.requester_phone);
  in.Text("subject_first_names", d.subject_first_names);
  in.Text("subject_last_name", d.subject_last_name);
  in.Text("subject_date_of_birth", d.subject_date_of_birth);
  in.Text("details", d.details);
  in.Text("received_at", d.received_at);
  in.Text("reasons", d.evidence.reasons);
  in.Flag("identity_in_doubt", d.identity_in_doubt);
  in.Flag("safeguarding_purpose", d.evidence.safeguarding_purpose);
  in.Flag("consent", d.evidence.consent);
  in.Flag("signed_parental_consent", d.evidence.signed_parental_consent);
  in.Flag("identity_verified", d.evidence.identity_verified);
  in.Flag("investigatory_body", d.evidence.investigatory_body);
  if (body.contains("person_id") && !body["person_id"].is_null()) {
    if (body["person_id"].is_number_integer() && body["person_id"].get<std::int64_t>() > 0)
      d.person_id = body["person_id"].get<std::int64_t>();
    else errors.push_back({"person_id", "The register record must be its number (a whole number above 0), or null"});
  }
  d.reading_errors = std::move(errors);
  return d;
}

Result<app::InformationEvidenceUpdate> EvidenceFromJson(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  Reader in{body, errors};
  in.OnlyKnown({"safeguarding_purpose", "consent", "signed_parental_consent", "identity_verified",
                "investigatory_body", "identity_in_doubt", "reasons", "reply_email", "note"},
               "the evidence");
  app::InformationEvidenceUpdate u;
  in.Flag("safeguarding_purpose", u.safeguarding_purpose);
  in.Flag("consent", u.consent);
  in.Flag("signed_parental_consent", u.signed_parental_consent);
  in.Flag("identity_verified", u.identity_verified);
  in.Flag("investigatory_body", u.investigatory_body);
  in.Flag("identity_in_doubt", u.identity_in_doubt);
  for (auto [key, target] : {std::pair{"reasons", &u.reasons}, std::pair{"reply_email", &u.reply_email}}) {
    std::string value;
    if (!body.contains(key)) continue;
    in.Text(key, value);
    if (body[key].is_string()) *target = value;
  }
  in.Text("note", u.note);
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return u;
}

// The answer, and the lawful basis stated with it (empty: none).
Result<std::pair<app::InformationAnswer, std::string>> AnswerFromJson(const json& body) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  Reader in{body, errors};
  in.OnlyKnown({"items", "to", "channel", "lawful_basis"}, "an answer");
  app::InformationAnswer a;
  in.Text("to", a.to);
  in.Text("channel", a.channel);
  std::string basis;
  in.Text("lawful_basis", basis);
  if (!body.contains("items") || !body["items"].is_array()) {
    errors.push_back({"items", NotAListMessage("items", "{kind, text} objects: exactly what is shared")});
  } else {
    for (std::size_t i = 0; i < body["items"].size(); ++i) {
      const auto& item = body["items"][i];
      const std::string at = fmt::format("items[{}]", i);
      if (!item.is_object() || !item.contains("kind") || !item["kind"].is_string() || !item.contains("text") ||
          !item["text"].is_string()) {
        errors.push_back({at, "each item must be an object {kind, text} with both as text"});
        continue;
      }
      a.items.push_back({item["kind"].get<std::string>(), item["text"].get<std::string>()});
    }
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return std::pair{std::move(a), std::move(basis)};
}

template <typename F>
http::Response WithId(http::Request& r, F&& f) {
  const auto id = IdParam(r);
  if (!id) return http::Problem(404, "Not found", "There is no request for information with that number");
  return f(*id);
}

http::Response Answer(const Result<app::InformationRequestView>& view, int status = 200) {
  if (!view) return http::ProblemFrom(view.error());
  return http::Response::Json(status, InformationRequestToJson(*view).dump());
}

// A step's answer shows the whole request as a GET does (the register's answer, earlier disclosures):
// it is a read, audited and durable before it is sent (finding 4 of the DPO's review).
http::Response AnswerAfter(app::AppContext& ctx, http::Request& r, const Result<app::InformationRequestView>& view,
                           std::string_view step, int status = 200) {
  if (view) app::AuditInformationRequestShown(ctx, ActorOf(r), *view, step);
  return Answer(view, status);
}

// What every reader of a request sees, the Data Protection Team's passed-on requests included (IR-9).
json RequestHeaderJson(const app::InformationRequestView& v) {
  const auto& r = v.record;
  return {{"id", r.id},
          {"reference", r.reference},
          {"type", TypeJson(v.type)},
          {"policy_version", r.policy_version},
          {"status", r.status},
          {"received_at", r.received_at},
          {"recorded_by", r.recorded_by_name}};
}

}  // namespace

json InformationRequestToJson(const app::InformationRequestView& v) {
  const auto& r = v.record;
  if (v.passed_on_only) {
    // IR-9: the Data Protection Team's request, read by someone else: only that it was passed on.
    json out = RequestHeaderJson(v);
    out.update({{"passed_on_only", true},
                {"withheld", "This request is the Data Protection Team's (IR-9): only they see who asked, whom it "
                             "is about and what was asked for. Ask the Data Protection Team."},
                {"routed", {{"route", r.route}, {"route_note", r.route_note}, {"decided_at", Nullable(r.decided_at)}}},
                {"can_review", false},
                {"can_answer", false}});
    return out;
  }
  json checks = json::array();
  for (const auto& c : v.checks)
    checks.push_back({{"check", c.check}, {"rule", c.rule}, {"passed", c.passed}, {"needed", c.needed}});
  json missing = json::array();
  for (const auto& m : v.decision.missing)
    missing.push_back({{"check", m.check}, {"rule", m.rule}, {"needed", m.needed}});
  json evidence_log = json::array();
  for (const auto& e : v.evidence_log)
    evidence_log.push_back({{"kind", e.kind}, {"detail", e.detail}, {"by", e.recorded_by_name}, {"at", e.recorded_at}});
  json reviews = json::array();
  for (const auto& w : v.reviews)
    reviews.push_back({{"decision", w.decision}, {"note", w.note}, {"items", ItemsJson(w.items)},
                       {"to", w.shared_to}, {"channel", w.channel}, {"by", w.reviewed_by_name},
                       {"at", w.reviewed_at}});
  json out = RequestHeaderJson(v);
  out.update({
      {"requester", {{"name", r.requester_name}, {"organisation", r.requester_organisation},
                     {"role", r.requester_role}, {"email", r.requester_email}, {"phone", r.requester_phone}}},
      {"details", r.details},
      {"evidence", {{"identity_in_doubt", r.identity_in_doubt}, {"safeguarding_purpose", r.safeguarding_purpose},
                    {"consent", r.consent}, {"signed_parental_consent", r.signed_parental_consent},
                    {"identity_verified", r.identity_verified}, {"investigatory_body", r.investigatory_body},
                    {"reasons", r.reasons}}},
      {"checks", checks},
      {"decision", {{"returned", v.decision.returned()},
                    {"missing", missing},
                    {"route", v.decision.route},
                    {"route_rule", v.decision.route_rule},
                    {"route_note", v.decision.route_note},
                    {"legal_helpdesk", v.decision.legal_helpdesk},
                    {"channel", {{"description", v.decision.channel.description},
                                 {"rule", v.decision.channel.rule},
                                 {"domains", v.decision.channel.domains},
                                 {"email_allowed", v.decision.channel.email_allowed}}},
                    {"manager_review", v.decision.manager_review},
                    {"lawful_bases", LawfulBasesJson(v.lawful_bases)},
                    {"shareable", v.decision.shareable},
                    {"suggested_answer", v.decision.suggested_answer}}},
      {"routed", {{"route", r.route}, {"route_note", v.person_hidden ? v.decision.route_note : r.route_note},
                  {"register_state", r.register_state}, {"legal_helpdesk", r.legal_helpdesk},
                  {"allocated_to", r.allocated_name}, {"contact_id", Nullable(r.contact_id)},
                  {"contact_reference", r.contact_reference}, {"decided_at", Nullable(r.decided_at)}}},
      {"evidence_log", evidence_log},
      {"proposal", {{"items", ItemsJson(r.proposed_items)}, {"to", r.proposed_to}, {"channel", r.proposed_channel}}},
      {"reviews", reviews},
      {"shared", SharedJson(v.shared)},
      {"shared_before", SharedJson(v.shared_before)},
      {"can_review", v.can_review},
      {"can_answer", v.can_answer},
      {"passed_on_only", false}});
  if (v.person_hidden) {
    out["subject"] = {{"restricted", true}, {"ask", v.person_ask}};
  } else {
    out["subject"] = {{"first_names", r.subject_first_names}, {"last_name", r.subject_last_name},
                      {"date_of_birth", r.subject_date_of_birth}, {"person_id", Nullable(r.person_id)},
                      {"register_state", v.known_as_relative ? std::string("known-as-adult")
                                                             : std::string(RegisterStateId(v.register_state))}};
  }
  if (r.status == "refused") {
    json required = json::array();
    for (const auto& m : r.missing_evidence) required.push_back({{"check", m.check}, {"rule", m.rule}, {"needed", m.needed}});
    out["refusal"] = {{"reason", r.refused_reason}, {"evidence_required", required}, {"at", Nullable(r.refused_at)}};
  }
  return out;
}

void RegisterInformationRequestApi(http::Router& router, app::AppContext& ctx) {
  // Where the procedures define no requests for information (Kent's), every route answers 404 saying
  // so, before its body or number is read: a mistyped body must not suggest that a right one would do.
  struct {
    http::Router& router;
    app::AppContext& ctx;
    void Add(std::string method, std::string pattern, http::Access access, http::Handler handler) const {
      router.Add(std::move(method), std::move(pattern), access,
                 [&ctx = ctx, handler = std::move(handler)](http::Request& r) {
                   if (auto defined = app::CheckInformationRequestsDefined(ctx); !defined)
                     return http::ProblemFrom(defined.error());
                   return handler(r);
                 });
    }
  } routes{router, ctx};
  using http::Access;
  routes.Add("GET", "/api/v1/information-request-types", Access::kSignedIn, [&ctx](http::Request& r) {
    auto types = app::InformationRequestTypesOffered(ctx, ActorOf(r));
    if (!types) return http::ProblemFrom(types.error());
    json items = json::array();
    for (const auto& t : *types) items.push_back(TypeJson(t));
    return http::Response::Json(200, json{{"items", items}}.dump());
  });
  routes.Add("GET", "/api/v1/information-requests", Access::kSignedIn, [&ctx](http::Request& r) {
    const app::Actor actor = ActorOf(r);
    QueryReader query(r, InformationRequestListParams());
    const auto [queue, status] = ReadInformationRequestList(query, actor);
    if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
    auto rows = app::ListInformationRequestQueue(ctx, actor, queue, status);
    if (!rows) return http::ProblemFrom(rows.error());
    json items = json::array();
    for (const auto& row : *rows) items.push_back(RecordSummaryJson(row));
    return http::Response::Json(200, json{{"queue", queue}, {"status", status}, {"items", items}}.dump());
  });
  routes.Add("POST", "/api/v1/information-requests", Access::kSignedIn, [&ctx](http::Request& r) {
    auto body = JsonBody(r);
    if (!body) return body.error();
    auto draft = DraftFromJson(*body);
    if (!draft) return http::ProblemFrom(draft.error());
    auto view = app::RecordInformationRequest(ctx, ActorOf(r), *draft);
    if (!view) return http::ProblemFrom(view.error());
    app::AuditInformationRequestShown(ctx, ActorOf(r), *view, "recorded");
    auto response = http::Response::Json(201, InformationRequestToJson(*view).dump());
    response.Header("Location", fmt::format("/api/v1/information-requests/{}", view->record.id));
    return response;
  });
  routes.Add("GET", "/api/v1/information-requests/{id}", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) { return Answer(app::OpenInformationRequest(ctx, ActorOf(r), id)); });
  });
  routes.Add("POST", "/api/v1/information-requests/{id}/evidence", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto body = JsonBody(r);
      if (!body) return body.error();
      auto update = EvidenceFromJson(*body);
      if (!update) return http::ProblemFrom(update.error());
      return AnswerAfter(ctx, r, app::RecordInformationEvidence(ctx, ActorOf(r), id, *update), "evidence");
    });
  });
  routes.Add("POST", "/api/v1/information-requests/{id}/decide", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      return AnswerAfter(ctx, r, app::DecideInformationRequestRoute(ctx, ActorOf(r), id), "decide");
    });
  });
  routes.Add("POST", "/api/v1/information-requests/{id}/answer", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto body = JsonBody(r);
      if (!body) return body.error();
      auto answer = AnswerFromJson(*body);
      if (!answer) return http::ProblemFrom(answer.error());
      return AnswerAfter(ctx, r, app::RecordInformationAnswer(ctx, ActorOf(r), id, answer->first, answer->second),
                         "answer");
    });
  });
  routes.Add("POST", "/api/v1/information-requests/{id}/review", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto body = JsonBody(r);
      if (!body) return body.error();
      std::vector<FieldError> errors;
      app::InformationReview review;
      if (!body->is_object()) {
        errors.push_back({"", "The body must be a JSON object {decision, note}"});
      } else {
        Reader in{*body, errors};
        in.OnlyKnown({"decision", "note"}, "a review");
        std::string decision;
        in.Text("decision", decision);
        in.Text("note", review.note);
        if (decision != "approve" && decision != "return")
          errors.push_back({"decision", "Choose \"approve\" (send exactly what is proposed) or \"return\" (with a "
                                        "note saying what to change)"});
        review.approve = decision == "approve";
      }
      if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
      return AnswerAfter(ctx, r, app::ReviewInformationRequest(ctx, ActorOf(r), id, review), "review");
    });
  });
  routes.Add("POST", "/api/v1/information-requests/{id}/refuse", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithId(r, [&](std::int64_t id) {
      auto body = JsonBody(r);
      if (!body) return body.error();
      std::vector<FieldError> errors;
      std::string reason;
      if (!body->is_object()) {
        errors.push_back({"", "The body must be a JSON object {reason}"});
      } else {
        Reader in{*body, errors};
        in.OnlyKnown({"reason"}, "a refusal");
        in.Text("reason", reason);
      }
      if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
      return AnswerAfter(ctx, r, app::RefuseInformationRequest(ctx, ActorOf(r), id, reason), "refuse");
    });
  });
}

}  // namespace fd::api
