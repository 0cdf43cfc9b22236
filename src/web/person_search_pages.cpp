#include "web/person_search_pages.h"

#include <array>

#include <fmt/format.h>

#include "calendar/local_time.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/permissions.h"
#include "app/person_search.h"
#include "web/date_boxes.h"
#include "web/form_kit.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

// What the search form asks in text boxes: the fields a front door worker has from a call, with the
// date of birth in GOV.UK date boxes ("date_of_birth-day", "-month", "-year").
constexpr std::array<const char*, 3> kFields = {"first_names", "last_name", "nhs_number"};
constexpr std::size_t kShown = 20;

Data CandidateRow(const app::PersonCandidate& c) {
  Data row = Object();
  if (c.restricted) {
    row.set("restricted", true);
    row.set("ask", c.ask.empty() ? std::string("the data protection officer") : c.ask);
    return row;
  }
  row.set("href", fmt::format("/people/{}", c.id));
  row.set("name", c.first_names + " " + c.last_name);
  row.set("date_of_birth", c.date_of_birth.empty() ? std::string("Not recorded") : calendar::IsoTextForPeople(c.date_of_birth));
  row.set("band", std::string(app::MatchBandWords(c.band)));
  if (c.band == app::MatchBand::kLikely) row.set("likely", true);
  std::string status = c.open ? "Open" : "Not open";
  if (c.open && !c.allocated_worker.empty()) status += ": allocated to " + c.allocated_worker;
  if (c.open && !c.team.empty()) status += ", " + c.team;
  if (c.sibling_open) status += "; a brother or sister is open";
  row.set("status", status);
  return row;
}

http::Response SearchPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  if (auto refused = api::QueryReader(request, api::PersonSearchParams(api::QueryFrom::kPage)).Refusal())
    return QueryRefusedPage(pc, request, "Find a child", *refused);
  const DateBoxes dob = QueryDateBoxes(request, "date_of_birth");
  app::PersonSearchQuery query{request.QueryParam("first_names"), request.QueryParam("last_name"), IsoDate(dob),
                               request.QueryParam("nhs_number"), "", ""};
  Data d = PageData(request, "Find a child");
  d.set("back_link", "/");
  std::vector<FieldError> errors;
  if (!query.empty()) {
    auto found = app::SearchPeople(pc.app, actor, query, kShown);  // audited: person.searched
    if (!found && found.error().code != ErrorCode::kInvalid) return ErrorPage(found.error());
    if (!found) {
      errors = found.error().fields;
      SayForDateBoxes(errors, "date_of_birth", "Date of birth", dob);
    } else {
      d.set("searched", true);
      Data rows = List();
      for (const auto& c : found->candidates) rows.push_back(CandidateRow(c));
      d.set("results", rows);
      d.set("has_results", !found->candidates.empty());
      d.set("results_caption", found->candidates.size() == 1 ? std::string("1 record may match")
                                                             : fmt::format("{} records may match", found->candidates.size()));
    }
  } else if (auto allowed = app::Authorise(actor, app::Action::kViewRegister); !allowed) {
    return ErrorPage(allowed.error());
  }
  const std::vector<std::string> typed = {query.first_names, query.last_name, query.nhs_number};
  for (std::size_t i = 0; i < kFields.size(); ++i) SetInput(d, kFields[i], typed[i], ErrorFor(errors, kFields[i]));
  d.set("date_of_birth_field", DateFieldData("date_of_birth", "Date of birth", "For example, 2 3 2015", dob,
                                             ErrorFor(errors, "date_of_birth")));
  SetErrorSummary(d, errors, [&](const std::string& f) { return f == "date_of_birth" ? f + "-" + FirstBoxAtFault(dob) : f; });
  return Page(pc, errors.empty() ? 200 : 422, "find_child", d);
}

}  // namespace

void RegisterPersonSearchPage(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/people/search", http::Access::kSignedIn,
             [pc](http::Request& r) { return SearchPage(*pc, r); });
}

}  // namespace fd::web
