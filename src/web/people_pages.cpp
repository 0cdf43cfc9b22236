#include "web/people_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/people.h"
#include "app/record_consultations.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "domain/contact_workflow.h"
#include "domain/text.h"
#include "http/problem.h"
#include "web/contact_summary.h"
#include "web/error_pages.h"
#include "web/person_search_pages.h"
#include "web/form_kit.h"
#include "web/register_forms.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

std::string PersonPath(std::int64_t id) { return fmt::format("/people/{}", id); }
std::string MergePath(std::int64_t id) { return fmt::format("/people/merges/{}", id); }

std::string FullName(const std::string& first, const std::string& last) {
  std::string name = Trim(first + " " + last);
  return name.empty() ? std::string("Name not known") : name;
}

std::string Period(const std::optional<std::string>& from, const std::optional<std::string>& to) {
  // Dates in words, as GOV.UK writes them: "From 1 September 2024".
  const std::string f = calendar::IsoTextForPeople(from.value_or("")), t = calendar::IsoTextForPeople(to.value_or(""));
  if (f.empty() && t.empty()) return "";
  if (t.empty()) return "From " + f;
  if (f.empty()) return "Until " + t;
  return f + " to " + t;
}

std::string When(const PageContext& pc, const std::string& utc) {
  if (auto t = ParseUtc(utc)) return calendar::FormatLocalForPeople(*t, pc.app.time_zone);
  return utc;
}

// One person in the family or household tables: a link and what is known of them, or — for a
// restricted record — only that it exists and whom to ask.
Data RefData(const app::PersonRef& r) {
  Data d = Object();
  d.set("link", PersonPath(r.person_id));
  if (r.hidden) {
    d.set("hidden", true);
    d.set("ask", r.ask.empty() ? std::string("a team manager") : r.ask);
    return d;
  }
  d.set("name", FullName(r.first_names, r.last_name));
  d.set("date_of_birth", calendar::IsoTextForPeople(r.date_of_birth));
  d.set("age_group", std::string(r.is_child ? "Child" : "Adult"));
  Data tags = List();
  auto tag = [&](const char* text, const char* colour) {
    Data t = Object();
    t.set("text", std::string(text));
    t.set("colour", std::string(colour));
    tags.push_back(t);
  };
  if (r.child_protection_plan) tag("Child protection plan", "govuk-tag--red");
  if (r.looked_after) tag("Looked after", "govuk-tag--purple");
  if (r.open_case) tag("Open case", "govuk-tag--green");
  else if (r.known) tag("Known before", "govuk-tag--grey");
  else tag("Not known", "govuk-tag--blue");
  d.set("tags", tags);
  return d;
}

http::Response RestrictedPage(PageContext& pc, const http::Request& request, const app::PersonView& v) {
  Data d = PageData(request, "Restricted record");
  d.set("back_link", "/");
  d.set("id", std::to_string(v.id));
  d.set("ask", v.ask.empty() ? std::string("a team manager") : v.ask);
  return Page(pc, 200, "person_restricted", d);
}

http::Response ShowPage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  const app::Actor actor = api::ActorOf(request);
  auto v = app::GetPerson(pc.app, actor, *id);
  if (!v) return ErrorPage(v.error());
  if (!v->visible) return RestrictedPage(pc, request, *v);
  const auto& p = v->person;
  const std::string name = FullName(p.first_names, p.last_name);
  Data d = PageData(request, name);
  d.set("back_link", "/");
  if (request.QueryParam("done") == "undone") d.set("banner", std::string("Merge undone"));
  if (auto banner = RegisterFormBanner(request.QueryParam("done")); !banner.empty()) d.set("banner", banner);
  d.set("id", std::to_string(v->id));
  d.set("name", name);
  // The forms that add to the record (web/register_forms.h), for those who may manage the register;
  // a merged record is changed on the record it was merged into.
  const bool may_manage = app::IsAllowed(actor.role, app::Action::kManageRegister) && !v->merged_into;
  d.set("may_manage", may_manage);
  if (v->merged_into) {
    d.set("merged_into", std::to_string(*v->merged_into));
    d.set("merged_into_link", PersonPath(*v->merged_into));
  }
  if (v->restricted) d.set("restricted", true);
  if (p.child_protection_plan) d.set("child_protection_plan", true);
  if (p.looked_after) d.set("looked_after", true);
  if (p.open_case) d.set("open_case", true);

  Data rows = List();
  rows.push_back(Row("Person number", std::to_string(v->id)));
  if (p.expected_date && !p.date_of_birth) rows.push_back(Row("Expected", calendar::IsoTextForPeople(*p.expected_date)));
  else rows.push_back(Row("Date of birth", calendar::IsoTextForPeople(p.date_of_birth.value_or(""))));
  rows.push_back(Row("Gender", std::string(GenderTitle(GenderFromId(p.gender).value_or(Gender::kNotKnown)))));
  rows.push_back(Row("NHS number", FormatNhsNumber(p.nhs_number)));
  rows.push_back(Row("Child or adult", p.is_child ? "Child" : "Adult"));
  rows.push_back(Row("Lives at", v->current_address ? v->current_address->address : ""));
  rows.push_back(Row("Open case", p.open_case ? "Yes" : "No"));
  if (p.open_case || p.allocated_user_id) rows.push_back(Row("Allocated worker", v->allocated_name));
  if (p.open_case || p.team_id) rows.push_back(Row("Team", v->team_name));
  if (!p.known_history.empty()) rows.push_back(Row("Known history", p.known_history));
  d.set("rows", rows);

  Data names = List();
  for (const auto& n : v->names) {
    Data row = Object();
    row.set("kind", std::string(n.kind == "previous" ? "Previous name" : "Alternative name"));
    row.set("name", FullName(n.first_names, n.last_name));
    row.set("period", Period(n.from_date, n.to_date));
    names.push_back(row);
  }
  d.set("has_names", !v->names.empty());
  d.set("names", names);

  Data addresses = List();
  for (const auto& a : v->addresses) {
    Data row = Object();
    row.set("address", a.address);
    row.set("postcode", a.postcode);
    row.set("period", Period(a.from_date, a.to_date));
    if (!a.to_date || a.to_date->empty()) {
      row.set("current", true);
      if (may_manage) row.set("end_link", fmt::format("/people/{}/addresses/{}/end", v->id, a.id));
    }
    addresses.push_back(row);
  }
  d.set("has_addresses", !v->addresses.empty());
  d.set("addresses", addresses);

  // KCR-10, HCR-30: the family and household, each with whether they are or were known.
  Data family = List();
  for (const auto& f : v->family) {
    Data row = RefData(f.person);
    row.set("relation", f.relation);
    row.set("period", Period(f.from_date.empty() ? std::nullopt : std::optional(f.from_date),
                             f.to_date.empty() ? std::nullopt : std::optional(f.to_date)));
    family.push_back(row);
  }
  d.set("has_family", !v->family.empty());
  d.set("family", family);

  Data household = List();
  for (const auto& h : v->household) {
    Data row = RefData(h.person);
    row.set("relation", h.relation.empty() ? std::string("Lives at the same address") : h.relation);
    household.push_back(row);
  }
  d.set("has_household", !v->household.empty());
  d.set("household", household);
  d.set("household_key", p.household);

  Data involvements = List();
  for (const auto& i : v->involvements) {
    Data row = Object();
    row.set("kind", app::InvolvementKindTitle(i.kind));
    row.set("started_on", calendar::IsoTextForPeople(i.started_on));
    row.set("ended_on", calendar::IsoTextForPeople(i.ended_on.value_or("")));
    row.set("open", !i.ended_on.has_value());
    std::string who = i.allocated_name;
    if (!i.team_name.empty()) who += (who.empty() ? "" : ", ") + i.team_name;
    row.set("who", who);
    row.set("reference", i.reference);
    row.set("summary", i.summary);
    // Another worker's or team's case: no link, as ending it would be refused (app/case_access.h).
    if (may_manage && !i.ended_on && !v->held_elsewhere.contains(i.id))
      row.set("end_link", fmt::format("/people/{}/involvements/{}/end", v->id, i.id));
    involvements.push_back(row);
  }
  d.set("has_involvements", !v->involvements.empty());
  d.set("involvements", involvements);

  Data contacts = List();
  for (const auto& c : v->contacts) {
    Data row = Object();
    row.set("link", fmt::format("/contacts/{}", c.contact_id));
    row.set("reference", c.reference);
    row.set("received", When(pc, c.received_at));
    row.set("stage", std::string(ContactStateTitle(ContactStateFromId(c.state).value_or(ContactState::kReceived))));
    contacts.push_back(row);
  }
  d.set("has_contacts", !v->contacts.empty());
  d.set("contacts", contacts);

  // HCR-10, CPC-4: consultations on the child's record, each only for those who may open it.
  Data consultations = List();
  const auto on_record = app::ConsultationsOnRecord(pc.app, actor, v->id);
  for (const auto& c : on_record) {
    Data row = Object();
    row.set("link", c.page);
    row.set("reference", c.reference);
    row.set("kind", c.kind);
    row.set("held", c.held_at.empty() ? std::string() : When(pc, c.held_at));
    if (c.outcome == "red") row.set("outcome", std::string("advised a red (child protection) referral"));
    else if (c.outcome == "green") row.set("outcome", std::string("advised a green request for a service"));
    else if (c.outcome == "other") row.set("outcome", std::string("other advice"));
    consultations.push_back(row);
  }
  d.set("has_consultations", !on_record.empty());
  d.set("consultations", consultations);

  if (v->restricted) {
    std::string viewers;
    for (const auto& u : v->viewers) viewers += (viewers.empty() ? "" : ", ") + u.name;
    d.set("restriction_ask", v->ask);
    d.set("restriction_viewers", viewers);
  }
  const bool may_merge = app::IsAllowed(actor.role, app::Action::kMergePeople);
  if (may_merge && !v->merged_into) d.set("merge_link", PersonPath(v->id) + "/merge");
  Data merges = List();
  for (const auto& m : v->merges) {
    Data row = Object();
    row.set("link", MergePath(m.id));
    row.set("text", fmt::format("Person {} merged into person {}{}", m.merged_person_id, m.kept_person_id,
                                m.undone ? " (undone)" : ""));
    row.set("at", When(pc, m.merged_at));
    merges.push_back(row);
  }
  d.set("has_merges", may_merge && !v->merges.empty());
  d.set("merges", merges);
  return Page(pc, 200, "person_show", d);
}

// --- merging ----------------------------------------------------------------------------------------

std::string MergeInputId(const std::string& field) {
  if (field == "merged_person_id" || field == "kept_person_id") return "merged_person_id";
  return field.empty() ? "reason" : field;
}

// `status`: the answer's when there are errors (422 invalid; 409 or 403 for a refusal about the number
// typed, shown at it so nothing typed is lost).
http::Response MergeForm(PageContext& pc, const http::Request& request, std::int64_t kept_id, const Fields& typed,
                         const std::vector<FieldError>& errors, int status = 422) {
  const app::Actor actor = api::ActorOf(request);
  if (auto allowed = app::Authorise(actor, app::Action::kMergePeople); !allowed) return ErrorPage(allowed.error());
  auto kept = app::GetPerson(pc.app, actor, kept_id);
  if (!kept) return ErrorPage(kept.error());
  if (!kept->visible) return RestrictedPage(pc, request, *kept);
  Data d = PageData(request, "Merge records");
  d.set("back_link", PersonPath(kept_id));
  SetErrorSummary(d, errors, MergeInputId);
  d.set("id", std::to_string(kept_id));
  d.set("kept_name", FullName(kept->person.first_names, kept->person.last_name));
  d.set("kept_born", calendar::IsoTextForPeople(kept->person.date_of_birth.value_or("")));
  SetInput(d, "merged_person_id", FormValue(typed, "merged_person_id"),
           ErrorFor(errors, "merged_person_id").or_else([&] { return ErrorFor(errors, "kept_person_id"); }));
  SetInput(d, "reason", FormValue(typed, "reason"), ErrorFor(errors, "reason"));
  return Page(pc, errors.empty() ? 200 : status, "person_merge", d);
}

http::Response NewMerge(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  return MergeForm(pc, request, *id, {}, {});
}

http::Response CreateMerge(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  const Fields f = FormFields(request);
  const std::string other = Trim(FormValue(f, "merged_person_id"));
  std::int64_t merged_id = 0;
  for (char c : other) {
    if (c < '0' || c > '9' || merged_id > 1'000'000'000'000) {
      merged_id = -1;
      break;
    }
    merged_id = merged_id * 10 + (c - '0');
  }
  if (other.empty() || merged_id <= 0)
    return MergeForm(pc, request, *id, f,
                     {{"merged_person_id", "Enter the person number of the record to merge into this one"}});
  auto merge = app::MergePeople(pc.app, api::ActorOf(request), *id, merged_id, FormValue(f, "reason"));
  if (!merge) {
    // A refusal about a record (already merged, restricted) names its field: a mistyped or wrong
    // number, so the form comes back with it and the reason as typed.
    const Error& e = merge.error();
    if (!e.fields.empty()) return MergeForm(pc, request, *id, f, e.fields, http::StatusFor(e.code));
    return ErrorPage(e);
  }
  return http::Response::Redirect(MergePath(merge->id) + "?done=merged");
}

http::Response MergePage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no merge with that number"));
  auto m = app::GetMerge(pc.app, api::ActorOf(request), *id);
  if (!m) return ErrorPage(m.error());
  Data d = PageData(request, fmt::format("Merge {}", m->id));
  d.set("back_link", PersonPath(m->kept_person_id));
  if (request.QueryParam("done") == "merged") d.set("banner", std::string("Records merged"));
  if (request.QueryParam("done") == "undone") d.set("banner", std::string("Merge undone"));
  d.set("id", std::to_string(m->id));
  d.set("kept_link", PersonPath(m->kept_person_id));
  d.set("kept", fmt::format("{} (person {})", m->kept_name, m->kept_person_id));
  d.set("merged_link", PersonPath(m->merged_person_id));
  d.set("merged", fmt::format("{} (person {})", m->merged_name, m->merged_person_id));
  Data rows = List();
  rows.push_back(Row("Why", m->reason));
  rows.push_back(Row("Merged", When(pc, m->merged_at) + " by " + m->merged_by_name));
  if (m->undone_at) rows.push_back(Row("Undone", When(pc, *m->undone_at) + " by " + m->undone_by_name));
  const auto& mv = m->moved;
  rows.push_back(Row("What moved",
                     fmt::format("{} names, {} addresses, {} relationships, {} involvements, {} contact children, "
                                 "{} consultations, {} record checks",
                                 mv.names.size(), mv.addresses.size(),
                                 mv.relationships_from.size() + mv.relationships_to.size(), mv.involvements.size(),
                                 mv.contact_children.size(), mv.consultations.size() + mv.chair_consultations.size(),
                                 mv.record_checks.size())));
  d.set("rows", rows);
  if (m->undoable) d.set("undoable", true);
  else if (!m->undone_at)
    d.set("not_undoable", std::string("This merge cannot be undone until the later merge that moved its records on is undone."));
  return Page(pc, 200, "person_merge_show", d);
}

http::Response Undo(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no merge with that number"));
  auto m = app::UndoMerge(pc.app, api::ActorOf(request), *id);
  if (!m) return ErrorPage(m.error());
  return http::Response::Redirect(MergePath(*id) + "?done=undone");
}

}  // namespace

std::vector<std::string> ChildPersonLinks(PageContext& pc, const app::Actor& actor, std::int64_t contact_id) {
  std::vector<std::string> links;
  if (!app::IsAllowed(actor.role, app::Action::kViewRegister)) return links;
  auto people = app::ContactChildPeople(pc.app, actor, contact_id);
  if (!people) return links;
  for (const auto& p : *people) links.push_back(p ? PersonPath(*p) : std::string());
  return links;
}

void RegisterPeoplePages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/people/merges/{id}", Access::kSignedIn, [pc](http::Request& r) { return MergePage(*pc, r); });
  router.Add("POST", "/people/merges/{id}/undo", Access::kSignedIn, [pc](http::Request& r) { return Undo(*pc, r); });
  RegisterPersonForms(router, pc);  // before /people/{id}: /people/new is a fixed page
  RegisterPersonSearchPage(router, pc);  // so is /people/search
  router.Add("GET", "/people/{id}", Access::kSignedIn, [pc](http::Request& r) { return ShowPage(*pc, r); });
  router.Add("GET", "/people/{id}/merge", Access::kSignedIn, [pc](http::Request& r) { return NewMerge(*pc, r); });
  router.Add("POST", "/people/{id}/merge", Access::kSignedIn, [pc](http::Request& r) { return CreateMerge(*pc, r); });
}

}  // namespace fd::web
