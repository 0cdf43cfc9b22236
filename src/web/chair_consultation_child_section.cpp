#include "web/chair_consultation_child_section.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "app/chair_consultation_child.h"
#include "app/permissions.h"
#include "app/person_search.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "web/child_match_pages.h"

namespace fd::web {
namespace {

// The search the panel runs: what the page was asked to search for, else the request's child.
app::PersonSearchQuery QueryFor(const http::Request& request, const app::ChairConsultationView& v) {
  app::PersonSearchQuery q;
  const bool refined = request.method == "GET" && request.QueryParam("search") == "1";
  q.first_names = refined ? Trim(request.QueryParam("first_names")) : v.child_first_names;
  q.last_name = refined ? Trim(request.QueryParam("last_name")) : v.child_last_name;
  q.date_of_birth = refined ? Trim(request.QueryParam("date_of_birth")) : v.child_date_of_birth;
  return q;
}

std::string WordsFor(const std::string& field) {
  if (field == "date_of_birth")
    return "The register record's date of birth is not the one on the request: check it is the same child.";
  return "The register record's name is not the one on the request: check it is the same child.";
}

}  // namespace

void AddChildRecordSection(PageContext& pc, const http::Request& request, const app::Actor& actor,
                           const app::ChairConsultationView& v, const std::string& refused, Data& d) {
  Data s = Object();
  s.set("consultation_id", std::to_string(v.id));
  if (v.person_id) {
    s.set("linked", true);
    if (app::IsAllowed(actor.role, app::Action::kViewRegister))
      s.set("person_link", fmt::format("/people/{}", *v.person_id));
    if (v.linked_by_hand) {
      s.set("how", fmt::format("Put on the child's record by {}, {}{}.", v.linked_by_hand->by_name,
                               calendar::FormatLocalForPeople(v.linked_by_hand->at, pc.app.time_zone),
                               v.linked_by_hand->new_person ? ", who added the child to the people register" : ""));
    } else {
      s.set("how", std::string("Linked when it was requested: the register held one record with the child's names "
                               "and date of birth."));
    }
    Data differs = List();
    std::string text = request.QueryParam("differs");
    std::replace(text.begin(), text.end(), ',', ' ');
    for (const auto& field : SplitWords(text)) {
      Data item = Object();
      item.set("message", WordsFor(field));
      differs.push_back(item);
    }
    s.set("differs", differs);
    d.set("child_record", s);
    return;
  }
  s.set("not_linked", true);
  if (v.recorded_at)
    s.set("record_waits", std::string("Recorded, but not on the child's record yet: CPC-4 is met when it is."));
  const bool may_link = app::MayLinkChairConsultationChild(actor) &&
                        (app::IsAllowed(actor.role, app::Action::kAllocateChairConsultation) ||
                         v.allocated_chair_id == actor.user_id);
  if (!may_link) {
    s.set("waiting", std::string("The Child Protection Chair or the Child Protection Coordinator puts it on the "
                                 "child's record (CPC-4)."));
    d.set("child_record", s);
    return;
  }
  Data panel = Object();
  if (!refused.empty()) panel.set("error", refused);
  const app::PersonSearchQuery query = QueryFor(request, v);
  panel.set("first_names", query.first_names);
  panel.set("last_name", query.last_name);
  panel.set("date_of_birth", query.date_of_birth);
  Data candidates = List();
  bool any = false;
  if (!query.empty()) {
    auto found = app::SearchPeople(pc.app, actor, query, 5);
    if (!found) {
      const Error& e = found.error();
      panel.set("search_error", e.fields.empty() ? e.message : e.fields.front().message);
    } else {
      for (const auto& c : found->candidates) {
        candidates.push_back(CandidateItem(c));
        any = true;
      }
    }
  }
  panel.set("has_candidates", any);
  panel.set("candidates", candidates);
  panel.set("child_name", v.child_first_names + " " + v.child_last_name);
  panel.set("child_date_of_birth", calendar::IsoTextForPeople(v.child_date_of_birth));
  s.set("panel", panel);
  d.set("child_record", s);
}

Result<std::string> LinkChildFromForm(app::AppContext& ctx, const app::Actor& actor, std::int64_t id,
                                      const std::multimap<std::string, std::string>& fields) {
  Result<app::ChairConsultationChildLink> linked =
      std::unexpected(Error::InvalidField("person_id", "Choose the child's record, or add the child to the register"));
  if (FormValue(fields, "new") == "yes") {
    linked = app::AddChairConsultationChild(ctx, actor, id);
  } else {
    std::int64_t person = 0;
    const std::string text = FormValue(fields, "person_id");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), person);
    if (ec == std::errc{} && end == text.data() + text.size() && person > 0)
      linked = app::LinkChairConsultationChild(ctx, actor, id, person);
  }
  if (!linked) return std::unexpected(linked.error());
  std::string differs;
  for (const auto& w : linked->warnings) differs += (differs.empty() ? "" : ",") + w.field;
  return differs;
}

}  // namespace fd::web
