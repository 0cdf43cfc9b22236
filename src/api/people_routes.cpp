#include "api/people_routes.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/disclosures.h"
#include "app/people.h"
#include "app/record_consultations.h"
#include "app/record_access.h"
#include "calendar/local_time.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

// Reads one JSON object field by field: each read names a field as known, a value of the wrong
// type becomes a field error, and Finish refuses every field nobody asked for — by name.
class FieldReader {
 public:
  explicit FieldReader(const json& body) : body_(body) {
    if (!body_.is_object()) errors_.push_back({"", "The body must be a JSON object"});
  }

  std::string Text(const char* key) {
    known_.insert(key);
    const json* v = Find(key);
    if (!v || v->is_null()) return {};
    if (!v->is_string()) {
      errors_.push_back({key, NotTextMessage(key)});
      return {};
    }
    return v->get<std::string>();
  }
  bool Flag(const char* key, bool fallback) {
    known_.insert(key);
    const json* v = Find(key);
    if (!v || v->is_null()) return fallback;
    if (!v->is_boolean()) {
      errors_.push_back({key, NotTrueOrFalseMessage(key)});
      return fallback;
    }
    return v->get<bool>();
  }
  // Absent or null: not said (nullopt).
  std::optional<bool> OptionalFlag(const char* key) {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      known_.insert(key);
      return std::nullopt;
    }
    return Flag(key, true);
  }
  std::optional<std::int64_t> Id(const char* key) {
    known_.insert(key);
    const json* v = Find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number_integer() || v->get<std::int64_t>() <= 0) {
      errors_.push_back({key, FieldWords(key) + " must be a record number (a whole number above 0)"});
      return std::nullopt;
    }
    return v->get<std::int64_t>();
  }
  std::vector<std::int64_t> Ids(const char* key) {
    known_.insert(key);
    std::vector<std::int64_t> out;
    const json* v = Find(key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) {
      errors_.push_back({key, NotAListMessage(key, "user numbers")});
      return out;
    }
    for (const auto& item : *v) {
      if (item.is_number_integer() && item.get<std::int64_t>() > 0) out.push_back(item.get<std::int64_t>());
      else errors_.push_back({key, "Each entry must be a user number (a whole number above 0)"});
    }
    return out;
  }
  bool Has(const char* key) const { return Find(key) != nullptr; }

  // Ok, or a 422 naming every unknown field and every field of the wrong type. `what` names the
  // body for the message ("a person").
  Result<void> Finish(const char* what) {
    if (body_.is_object())
      for (const auto& [key, value] : body_.items())
        if (!known_.contains(key)) {
          std::string fields;
          for (const auto& k : known_) fields += (fields.empty() ? "" : ", ") + k;
          errors_.push_back({key, UnknownFieldMessage(what, fields)});
        }
    if (!errors_.empty()) return std::unexpected(Error::Invalid(std::move(errors_)));
    return {};
  }

 private:
  const json* Find(const char* key) const {
    if (!body_.is_object()) return nullptr;
    auto it = body_.find(key);
    return it == body_.end() ? nullptr : &*it;
  }
  const json& body_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

json OptionalText(const std::optional<std::string>& v) { return v && !v->empty() ? json(*v) : json(nullptr); }
json TextOrNull(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

json RefJson(const app::PersonRef& r) {
  if (r.hidden) return {{"id", r.person_id}, {"restricted", true}, {"ask", r.ask}};
  return {{"id", r.person_id},
          {"first_names", r.first_names},
          {"last_name", r.last_name},
          {"date_of_birth", TextOrNull(r.date_of_birth)},
          {"is_child", r.is_child},
          {"known", r.known},
          {"open_case", r.open_case},
          {"child_protection_plan", r.child_protection_plan},
          {"looked_after", r.looked_after}};
}

json AddressJson(const store::PersonAddress& a) {
  return {{"id", a.id},
          {"address", a.address},
          {"postcode", TextOrNull(a.postcode)},
          {"from_date", OptionalText(a.from_date)},
          {"to_date", OptionalText(a.to_date)},
          {"current", !a.to_date || a.to_date->empty()}};
}

json PersonJson(const app::PersonView& v) {
  // A restricted record the caller may not see: that it exists, and whom to ask. Nothing else.
  if (!v.visible) return {{"id", v.id}, {"visible", false}, {"restricted", true}, {"ask", v.ask}};
  const auto& p = v.person;
  json names = json::array();
  for (const auto& n : v.names)
    names.push_back({{"id", n.id}, {"kind", n.kind}, {"first_names", n.first_names}, {"last_name", n.last_name},
                     {"from_date", OptionalText(n.from_date)}, {"to_date", OptionalText(n.to_date)}});
  json addresses = json::array();
  for (const auto& a : v.addresses) addresses.push_back(AddressJson(a));
  json family = json::array();
  for (const auto& f : v.family)
    family.push_back({{"relationship_id", f.relationship_id ? json(f.relationship_id) : json(nullptr)},
                      {"kind", f.kind},
                      {"relation", f.relation},
                      {"from_date", TextOrNull(f.from_date)},
                      {"to_date", TextOrNull(f.to_date)},
                      {"through_parent", f.through_parent},
                      {"person", RefJson(f.person)}});
  json members = json::array();
  for (const auto& h : v.household) members.push_back({{"relation", TextOrNull(h.relation)}, {"person", RefJson(h.person)}});
  json involvements = json::array();
  for (const auto& i : v.involvements)
    involvements.push_back(
        {{"id", i.id},
         {"kind", i.kind},
         {"kind_title", app::InvolvementKindTitle(i.kind)},
         {"started_on", i.started_on},
         {"ended_on", OptionalText(i.ended_on)},
         {"open", !i.ended_on.has_value()},
         {"allocated_worker", i.allocated_user_id ? json{{"id", *i.allocated_user_id}, {"name", i.allocated_name}} : json(nullptr)},
         {"team", i.team_id ? json{{"id", *i.team_id}, {"name", i.team_name}} : json(nullptr)},
         {"reference", i.reference},
         {"summary", i.summary}});
  json contacts = json::array();
  for (const auto& c : v.contacts)
    contacts.push_back({{"id", c.contact_id}, {"child", c.child_position}, {"reference", c.reference},
                        {"received_at", c.received_at}, {"state", c.state}});
  json merges = json::array();
  for (const auto& m : v.merges)
    merges.push_back({{"id", m.id}, {"kept_person_id", m.kept_person_id}, {"merged_person_id", m.merged_person_id},
                      {"merged_at", m.merged_at}, {"undone", m.undone}});
  json restriction = nullptr;
  if (v.restricted) {
    json viewers = json::array();
    for (const auto& u : v.viewers) viewers.push_back({{"id", u.user_id}, {"name", u.name}});
    restriction = {{"ask", v.ask}, {"viewers", viewers}};
  }
  return {{"id", v.id},
          {"visible", true},
          {"restricted", v.restricted},
          {"merged_into", v.merged_into ? json(*v.merged_into) : json(nullptr)},
          {"first_names", p.first_names},
          {"last_name", p.last_name},
          {"date_of_birth", OptionalText(p.date_of_birth)},
          {"expected_date", OptionalText(p.expected_date)},
          {"gender", p.gender},
          {"nhs_number", TextOrNull(p.nhs_number)},
          {"is_child", p.is_child},
          {"postcode", TextOrNull(p.postcode)},
          {"created_at", TextOrNull(p.created_at)},
          {"summary",
           {{"open_case", p.open_case},
            {"child_protection_plan", p.child_protection_plan},
            {"looked_after", p.looked_after},
            {"allocated_worker", p.allocated_user_id ? json{{"id", *p.allocated_user_id}, {"name", v.allocated_name}} : json(nullptr)},
            {"team", p.team_id ? json{{"id", *p.team_id}, {"name", v.team_name}} : json(nullptr)},
            {"known_history", p.known_history}}},
          {"current_address", v.current_address ? AddressJson(*v.current_address) : json(nullptr)},
          {"names", names},
          {"addresses", addresses},
          {"family", family},
          {"household", {{"key", TextOrNull(p.household)}, {"members", members}}},
          {"involvements", involvements},
          {"contacts", contacts},
          {"restriction", restriction},
          {"merges", merges}};
}

json MergeJson(const app::MergeView& m) {
  const auto& moved = m.moved;
  return {{"id", m.id},
          {"kept_person", {{"id", m.kept_person_id}, {"name", m.kept_name}}},
          {"merged_person", {{"id", m.merged_person_id}, {"name", m.merged_name}}},
          {"reason", m.reason},
          {"merged_by", m.merged_by_name},
          {"merged_at", m.merged_at},
          {"undone_by", TextOrNull(m.undone_by_name)},
          {"undone_at", OptionalText(m.undone_at)},
          {"undoable", m.undoable},
          {"moved",
           {{"names", moved.names.size()},
            {"addresses", moved.addresses.size()},
            {"relationships", moved.relationships_from.size() + moved.relationships_to.size()},
            {"involvements", moved.involvements.size()},
            {"contact_children", moved.contact_children.size()},
            {"consultations", moved.consultations.size() + moved.chair_consultations.size()},
            {"record_checks", moved.record_checks.size()},
            {"names_added", moved.added_names.size()}}}};
}

http::Response PersonReply(int status, const Result<app::PersonView>& view) {
  if (!view) return http::ProblemFrom(view.error());
  auto response = http::Response::Json(status, PersonJson(*view).dump());
  if (status == 201) response.Header("Location", fmt::format("/api/v1/people/{}", view->id));
  return response;
}

// HCR-10, CPC-4: the consultations on the child's record, only those the caller may open.
json ConsultationsJson(const std::vector<app::ConsultationOnRecord>& list) {
  json out = json::array();
  for (const auto& c : list)
    out.push_back({{"record_type", c.record_type},
                   {"id", c.id},
                   {"reference", c.reference},
                   {"kind", c.kind},
                   {"held_at", TextOrNull(c.held_at)},
                   {"advised_route", TextOrNull(c.outcome)},
                   {"href", c.href},
                   {"page", c.page}});
  return out;
}

http::Response NoPerson() { return http::Problem(404, "Not found", "There is no person with that number on the register"); }

// Reads the body with `read` (which fills a draft from a FieldReader) and runs `use` on the draft.
template <typename Draft, typename Read, typename Use>
http::Response WithBody(http::Request& r, const char* what, Read&& read, Use&& use) {
  auto body = JsonBody(r);
  if (!body) return body.error();
  FieldReader f(*body);
  Draft draft = read(f);
  if (auto ok = f.Finish(what); !ok) return http::ProblemFrom(ok.error());
  return use(draft);
}

app::PersonDraft ReadPerson(FieldReader& f) {
  app::PersonDraft d;
  d.first_names = f.Text("first_names");
  d.last_name = f.Text("last_name");
  d.date_of_birth = f.Text("date_of_birth");
  d.expected_date = f.Text("expected_date");
  if (std::string gender = f.Text("gender"); !gender.empty()) d.gender = gender;
  d.nhs_number = f.Text("nhs_number");
  d.address = f.Text("address");
  d.postcode = f.Text("postcode");
  d.address_from = f.Text("address_from");
  d.household = f.Text("household");
  // Not given: from the date of birth (app/people.h), so an adult is never recorded as a child by default.
  d.is_child = f.OptionalFlag("is_child");
  return d;
}

http::Response LinkChild(app::AppContext& ctx, http::Request& r) {
  const auto contact_id = IdParam(r);
  const auto position = ChildPositionParam(r);
  if (!contact_id || !position) return http::Problem(404, "Not found", "There is no such child on a contact");
  auto body = JsonBody(r);
  if (!body) return body.error();
  FieldReader f(*body);
  const auto person_id = f.Id("person_id");
  const bool make_new = f.Flag("new", false);
  if (auto ok = f.Finish("a child's register link"); !ok) return http::ProblemFrom(ok.error());
  if (make_new == person_id.has_value())
    return http::ProblemFrom(Error::InvalidField(
        "person_id", "Send the person_id of the register record this child is, or \"new\": true for a new person"));
  auto link = make_new ? app::NewPersonFromContactChild(ctx, ActorOf(r), *contact_id, *position)
                       : app::ConfirmChildMatch(ctx, ActorOf(r), *contact_id, *position, *person_id);
  if (!link) return http::ProblemFrom(link.error());
  json warnings = json::array();
  for (const auto& w : link->warnings) warnings.push_back({{"field", w.field}, {"message", w.message}});
  json out{{"contact_id", link->contact_id},
           {"child", link->child_position},
           {"person_id", link->person_id},
           {"new_person", link->new_person},
           {"person_url", fmt::format("/api/v1/people/{}", link->person_id)},
           {"warnings", std::move(warnings)}};
  if (!link->routing_note.empty()) out["routing_note"] = link->routing_note;
  return http::Response::Json(link->new_person ? 201 : 200, out.dump());
}

// Issue 8 point 3: GET /api/v1/people/{id}/record-access?page=1&page_size=25, for the data protection
// officer: who viewed the person's records, newest first. Ids and references only, never names.
http::Response RecordAccessReply(app::AppContext& ctx, http::Request& r) {
  const auto id = IdParam(r);
  if (!id) return NoPerson();
  QueryReader query(r, RecordAccessParams(QueryFrom::kApi));
  const int page = query.WholeNumber("page", 1);
  const int size = query.WholeNumber("page_size", 25);
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  auto access = app::ListRecordAccess(ctx, ActorOf(r), *id, page, size);
  if (!access) return http::ProblemFrom(access.error());
  json views = json::array();
  for (const auto& v : access->views)
    views.push_back({{"at", calendar::FormatLocalIso(v.at, ctx.time_zone)},
                     {"at_utc", FormatUtc(v.at)},
                     {"user", v.user},
                     {"role", v.role},
                     {"role_title", v.role_title},
                     {"kind", v.kind},
                     {"record", v.record},
                     {"record_id", v.record_id},
                     {"reason", v.reason.empty() ? json(nullptr) : json(v.reason)}});
  return http::Response::Json(200, json{{"person_id", access->person_id},
                                        {"restricted", access->restricted},
                                        {"views", views},
                                        {"total", access->total},
                                        {"page", access->page},
                                        {"page_size", access->page_size}}
                                       .dump());
}

// Issue 12 point 2: GET /api/v1/people/{id}/disclosures, for the data protection officer: the ledger's
// rows about the person, oldest first.
http::Response DisclosuresReply(app::AppContext& ctx, http::Request& r) {
  const auto id = IdParam(r);
  if (!id) return NoPerson();
  auto entries = app::ListPersonDisclosures(ctx, ActorOf(r), *id);
  if (!entries) return http::ProblemFrom(entries.error());
  json rows = json::array();
  for (const auto& e : *entries) {
    json subjects = json::array();
    for (const auto& s : e.row.subjects)
      subjects.push_back({{"person_id", s.person_id ? json(*s.person_id) : json(nullptr)},
                          {"contact_id", s.contact_id ? json(*s.contact_id) : json(nullptr)},
                          {"child", s.child_position ? json(*s.child_position) : json(nullptr)}});
    const auto at = ParseUtc(e.row.disclosed_at);
    rows.push_back({{"id", e.row.id},
                    {"direction", e.row.direction},
                    {"items", e.row.items},
                    {"about", subjects},
                    {"counterpart_kind", e.row.counterpart_kind},
                    {"counterpart", e.row.counterpart},
                    {"lawful_basis", e.row.lawful_basis},
                    {"lawful_basis_label", e.basis_label},
                    {"policy_version", e.row.policy_version},
                    {"authorised_by", e.row.authorised_by ? json(*e.row.authorised_by) : json(nullptr)},
                    {"authorised_by_name", e.row.authorised_by_name},
                    {"recorded_by", e.row.recorded_by ? json(*e.row.recorded_by) : json(nullptr)},
                    {"at", at ? calendar::FormatLocalIso(*at, ctx.time_zone) : e.row.disclosed_at},
                    {"at_utc", e.row.disclosed_at},
                    {"cause", {{"kind", e.row.cause_kind}, {"id", e.row.cause_id}, {"reference", e.cause_reference}}},
                    {"detail", e.row.detail}});
  }
  return http::Response::Json(200, json{{"person_id", *id}, {"disclosures", rows}}.dump());
}

}  // namespace

void RegisterPeopleApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("POST", "/api/v1/people", Access::kSignedIn, [&ctx](http::Request& r) {
    return WithBody<app::PersonDraft>(r, "a person", ReadPerson, [&](const app::PersonDraft& d) {
      return PersonReply(201, app::RecordPerson(ctx, ActorOf(r), d));
    });
  });
  // Read audit (issue 8 point 3): the data protection officer's list of who viewed a person's records.
  router.Add("GET", "/api/v1/people/{id}/record-access", Access::kSignedIn,
             [&ctx](http::Request& r) { return RecordAccessReply(ctx, r); });
  router.Add("GET", "/api/v1/people/{id}/disclosures", Access::kSignedIn,
             [&ctx](http::Request& r) { return DisclosuresReply(ctx, r); });
  router.Add("GET", "/api/v1/people/{id}", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoPerson();
    const app::Actor actor = ActorOf(r);
    auto view = app::GetPerson(ctx, actor, *id);
    if (!view) return http::ProblemFrom(view.error());
    json out = PersonJson(*view);
    if (view->visible) out["consultations"] = ConsultationsJson(app::ConsultationsOnRecord(ctx, actor, *id));
    return http::Response::Json(200, out.dump());
  });
  router.Add("POST", "/api/v1/people/{id}/names", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoPerson();
    return WithBody<app::NameDraft>(
        r, "a name",
        [](FieldReader& f) {
          return app::NameDraft{f.Text("kind"), f.Text("first_names"), f.Text("last_name"), f.Text("from_date"),
                                f.Text("to_date")};
        },
        [&](const app::NameDraft& d) { return PersonReply(201, app::AddName(ctx, ActorOf(r), *id, d)); });
  });
  router.Add("POST", "/api/v1/people/{id}/addresses", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoPerson();
    return WithBody<app::AddressDraft>(
        r, "an address",
        [](FieldReader& f) {
          app::AddressDraft d;
          d.address = f.Text("address");
          d.postcode = f.Text("postcode");
          d.from_date = f.Text("from_date");
          d.to_date = f.Text("to_date");
          d.close_previous = f.Flag("close_previous", false);
          return d;
        },
        [&](const app::AddressDraft& d) { return PersonReply(201, app::AddAddress(ctx, ActorOf(r), *id, d)); });
  });
  router.Add("POST", "/api/v1/people/{id}/relationships", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoPerson();
    return WithBody<app::RelationshipDraft>(
        r, "a relationship",
        [](FieldReader& f) {
          app::RelationshipDraft d;
          d.related_person_id = f.Id("related_person_id").value_or(0);
          d.kind = f.Text("kind");
          d.from_date = f.Text("from_date");
          d.to_date = f.Text("to_date");
          return d;
        },
        [&](const app::RelationshipDraft& d) {
          if (d.related_person_id == 0)
            return http::ProblemFrom(Error::InvalidField("related_person_id", "Enter the related person's number"));
          return PersonReply(201, app::AddRelationship(ctx, ActorOf(r), *id, d));
        });
  });
  router.Add("POST", "/api/v1/people/{id}/involvements", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoPerson();
    return WithBody<app::InvolvementDraft>(
        r, "an involvement",
        [](FieldReader& f) {
          app::InvolvementDraft d;
          d.kind = f.Text("kind");
          d.started_on = f.Text("started_on");
          d.ended_on = f.Text("ended_on");
          d.allocated_user_id = f.Id("allocated_user_id");
          d.team_id = f.Id("team_id");
          d.reference = f.Text("reference");
          d.summary = f.Text("summary");
          return d;
        },
        [&](const app::InvolvementDraft& d) { return PersonReply(201, app::AddInvolvement(ctx, ActorOf(r), *id, d)); });
  });
  router.Add("POST", "/api/v1/people/{id}/addresses/{address_id}/close", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    const auto address_id = IdParam(r, "address_id");
    if (!id || !address_id) return http::Problem(404, "Not found", "There is no such address on the register");
    return WithBody<std::string>(
        r, "closing an address", [](FieldReader& f) { return f.Text("to_date"); },
        [&](const std::string& to_date) {
          return PersonReply(200, app::CloseAddress(ctx, ActorOf(r), *id, *address_id, to_date));
        });
  });
  router.Add("POST", "/api/v1/involvements/{id}/close", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no involvement with that number");
    return WithBody<std::string>(
        r, "closing an involvement", [](FieldReader& f) { return f.Text("ended_on"); },
        [&](const std::string& ended_on) { return PersonReply(200, app::CloseInvolvement(ctx, ActorOf(r), *id, ended_on)); });
  });
  router.Add("POST", "/api/v1/people/{id}/restriction", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return NoPerson();
    return WithBody<app::RestrictionDraft>(
        r, "a restriction",
        [](FieldReader& f) {
          app::RestrictionDraft d;
          d.restricted = f.Flag("restricted", true);
          d.ask = f.Text("ask");
          d.viewers = f.Ids("viewers");
          return d;
        },
        [&](const app::RestrictionDraft& d) { return PersonReply(200, app::SetRestricted(ctx, ActorOf(r), *id, d)); });
  });

  router.Add("POST", "/api/v1/people/merges", Access::kSignedIn, [&ctx](http::Request& r) {
    struct MergeRequest {
      std::int64_t kept = 0, merged = 0;
      std::string reason;
    };
    return WithBody<MergeRequest>(
        r, "a merge",
        [](FieldReader& f) {
          return MergeRequest{f.Id("kept_person_id").value_or(0), f.Id("merged_person_id").value_or(0), f.Text("reason")};
        },
        [&](const MergeRequest& m) {
          std::vector<FieldError> missing;
          if (!m.kept) missing.push_back({"kept_person_id", "Enter the number of the record to keep"});
          if (!m.merged) missing.push_back({"merged_person_id", "Enter the number of the record to merge into it"});
          if (!missing.empty()) return http::ProblemFrom(Error::Invalid(std::move(missing)));
          auto merge = app::MergePeople(ctx, ActorOf(r), m.kept, m.merged, m.reason);
          if (!merge) return http::ProblemFrom(merge.error());
          auto response = http::Response::Json(201, MergeJson(*merge).dump());
          response.Header("Location", fmt::format("/api/v1/people/merges/{}", merge->id));
          return response;
        });
  });
  router.Add("GET", "/api/v1/people/merges/{id}", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no merge with that number");
    auto merge = app::GetMerge(ctx, ActorOf(r), *id);
    if (!merge) return http::ProblemFrom(merge.error());
    return http::Response::Json(200, MergeJson(*merge).dump());
  });
  router.Add("POST", "/api/v1/people/merges/{id}/undo", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no merge with that number");
    auto merge = app::UndoMerge(ctx, ActorOf(r), *id);
    if (!merge) return http::ProblemFrom(merge.error());
    return http::Response::Json(200, MergeJson(*merge).dump());
  });

  router.Add("POST", "/api/v1/contacts/{id}/children/{position}/person", Access::kSignedIn,
             [&ctx](http::Request& r) { return LinkChild(ctx, r); });
}

}  // namespace fd::api
