#include "web/report_pages.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "api/report_routes.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/permissions.h"
#include "app/return_child_check.h"
#include "app/statutory_returns.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "web/date_boxes.h"
#include "web/form_kit.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using returns::Date;

struct AnnexAForm {
  std::string list = "1";
  DateBoxes from;
  DateBoxes to;
  std::string format = "csv";
};

struct CensusForm {
  std::string year;
  bool allow_errors = false;
};

bool Digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "2025-01-01" from the three boxes; what was typed, unchanged, when it cannot be a date (the use
// case then refuses it), and "" when nothing was typed.
std::string Compose(const DateBoxes& d) {
  if (d.Empty()) return "";
  if (!Digits(d.day) || !Digits(d.month) || !Digits(d.year) || d.day.size() > 2 || d.month.size() > 2 ||
      d.year.size() != 4)
    return fmt::format("{}/{}/{}", d.day, d.month, d.year);
  return fmt::format("{}-{:0>2}-{:0>2}", d.year, d.month, d.day);
}

DateBoxes BoxesOf(Date d) {
  return DateBoxes{std::to_string(static_cast<unsigned>(d.day())), std::to_string(static_cast<unsigned>(d.month())),
                   std::to_string(static_cast<int>(d.year()))};
}

// A date from the query: `name` itself (YYYY-MM-DD, as the links give it) or its three boxes.
DateBoxes DateParam(const http::Request& request, const std::string& name) {
  const std::string whole = Trim(request.QueryParam(name));
  if (!whole.empty()) {
    if (auto d = ParseIsoDate(whole)) return BoxesOf(*d);
    return DateBoxes{whole, "", ""};
  }
  return QueryDateBoxes(request, name);
}

// "1 January 2025", as GOV.UK writes dates.
std::string PeopleDate(Date d) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()), kMonths[static_cast<unsigned>(d.month()) - 1],
                     static_cast<int>(d.year()));
}

Date Today(const PageContext& pc) { return calendar::LocalDate(pc.app.clock.Now(), pc.app.time_zone); }

// The same day `months` months earlier (the last day of the month when it has no such day).
Date MonthsBefore(Date d, int months) {
  Date back = d - std::chrono::months{months};
  if (!back.ok()) back = Date{back.year() / back.month() / std::chrono::last};
  return back;
}

// The census year most recently ended: 2025 (to 31 March 2025) from 1 April 2025.
int LastEndedCensusYear(Date today) {
  const int y = static_cast<int>(today.year());
  return today.month() >= std::chrono::April ? y : y - 1;
}

std::string AnnexAHref(const std::string& list, Date from, Date to, const std::string& format) {
  return fmt::format("/reports/annex-a?list={}&from={}&to={}&format={}", list, FormatIsoDate(from), FormatIsoDate(to),
                     format);
}

// The page's own words for the use case's messages about dates.
std::vector<FieldError> PageErrors(std::vector<FieldError> errors) {
  for (auto& e : errors) {
    if (e.field == "from" && e.message.find("like") != std::string::npos)
      e.message = "Enter the first day of the period as a real date, for example 1 1 2025";
    if (e.field == "to" && e.message.find("like") != std::string::npos)
      e.message = "Enter the last day of the period as a real date, for example 30 6 2025";
  }
  return errors;
}

std::string InputIdOf(const std::string& field) {
  if (field == "from") return "from-day";
  if (field == "to") return "to-day";
  if (field == "list") return "list";
  if (field == "format") return "format";
  if (field == "year") return "year";
  return field;
}

// The check before downloading (app/return_child_check.h): the children who may be one child under
// two ids, each group with its contacts for a worker to open and link to the register.
void SetChildrenCheck(Data& d, const app::ReturnChildCheck& check) {
  d.set("has_check", true);
  d.set("check_period", fmt::format("{} to {}", PeopleDate(check.period.from), PeopleDate(check.period.to)));
  const std::int64_t count = static_cast<std::int64_t>(check.maybe_same_child.size());
  d.set("check_summary",
        count == 0 ? std::string("No children in this period share their names and date of birth under two ids.")
                   : fmt::format("{} may be the same child as another under a different id: link them to the "
                                 "register, and the returns give them one id.",
                                 CountOf(count, "child", "children")));
  Data groups = List();
  for (const auto& g : check.maybe_same_child) {
    Data group = Object();
    group.set("date_of_birth", PeopleDate(g.date_of_birth));
    std::string ids;
    for (const auto& id : g.child_ids) ids += (ids.empty() ? "" : ", ") + id;
    group.set("child_ids", ids);
    Data contacts = List();
    for (const auto& c : g.contacts) {
      Data row = Object();
      row.set("href", fmt::format("/contacts/{}", c.contact_id));
      row.set("reference", c.contact_reference);
      row.set("received_on", PeopleDate(c.received_on));
      row.set("child_id", c.child_id);
      row.set("linked", c.linked);
      contacts.push_back(row);
    }
    group.set("contacts", contacts);
    groups.push_back(group);
  }
  d.set("check_groups", groups);
  d.set("has_check_groups", count > 0);
}

http::Response ReportsPage(PageContext& pc, const http::Request& request, const AnnexAForm& annex,
                           const CensusForm& census, const std::vector<FieldError>& errors,
                           const std::vector<returns::CensusFinding>& findings, int status,
                           const app::ReturnChildCheck* check = nullptr) {
  Data d = PageData(request, "Statutory returns");
  if (check) SetChildrenCheck(d, *check);
  d.set("back_link", "/");
  SetErrorSummary(d, errors, InputIdOf);
  d.set("list_options", Radios("list",
                               {{"1", "List 1: contacts"},
                                {"2", "List 2: early help"},
                                {"3", "List 3: referrals"},
                                {"all", "All three (XLSX only, a sheet each)"}},
                               annex.list));
  const auto list_error = ErrorFor(errors, "list");
  d.set("list_error", list_error.has_value());
  d.set("list_error_message", list_error.value_or(""));
  d.set("format_options", Radios("format", {{"csv", "CSV"}, {"xlsx", "Excel workbook (XLSX)"}}, annex.format));
  const auto format_error = ErrorFor(errors, "format");
  d.set("format_error", format_error.has_value());
  d.set("format_error_message", format_error.value_or(""));
  d.set("from_field", DateFieldData("from", "First day of the period", "For example, 1 1 2025", annex.from,
                                    ErrorFor(errors, "from")));
  d.set("to_field", DateFieldData("to", "Last day of the period", "For example, 30 6 2025", annex.to,
                                  ErrorFor(errors, "to")));
  SetInput(d, "year", census.year, ErrorFor(errors, "year"));
  d.set("allow_errors", census.allow_errors);

  // The usual periods: the six and twelve months to yesterday (Ofsted asks for the six months
  // before the inspection), and the last census years.
  const Date today = Today(pc);
  const Date yesterday = Date(sys_days(today) - days{1});
  Data periods = List();
  for (int months : {6, 12}) {
    const Date from = MonthsBefore(today, months);
    Data p = Object();
    p.set("title", fmt::format("The {} months from {} to {}", months == 6 ? "six" : "twelve",
                               PeopleDate(from), PeopleDate(yesterday)));
    Data links = List();
    for (const char* list : {"1", "2", "3"}) {
      Data l = Object();
      l.set("text", fmt::format("List {} (CSV)", list));
      l.set("href", AnnexAHref(list, from, yesterday, "csv"));
      links.push_back(l);
    }
    Data all = Object();
    all.set("text", "All three lists (XLSX)");
    all.set("href", AnnexAHref("all", from, yesterday, "xlsx"));
    links.push_back(all);
    p.set("links", links);
    periods.push_back(p);
  }
  d.set("periods", periods);
  // The two census years last ended: a year still going on cannot be submitted, so is not offered.
  Data years = List();
  for (int y : {LastEndedCensusYear(today), LastEndedCensusYear(today) - 1}) {
    Data l = Object();
    l.set("text", fmt::format("{} to {}", y - 1, y));
    l.set("href", fmt::format("/reports/cin-census?year={}", y));
    years.push_back(l);
  }
  d.set("census_years", years);

  if (!findings.empty()) {
    Data rows = List();
    std::int64_t errors_found = 0;
    for (const auto& f : findings) {
      Data row = Object();
      row.set("rule", f.rule);
      row.set("severity", std::string(f.query ? "Query" : "Error"));
      row.set("child", f.child_id);
      row.set("record", f.record);
      row.set("message", f.message);
      rows.push_back(row);
      errors_found += f.query ? 0 : 1;
    }
    d.set("has_findings", true);
    d.set("findings", rows);
    d.set("findings_summary",
          fmt::format("The CIN census {} has {} and {}. Put the errors right, or download it anyway "
                      "and correct them before submitting.",
                      census.year, CountOf(errors_found, "error", "errors"),
                      CountOf(static_cast<std::int64_t>(findings.size()) - errors_found, "query", "queries")));
    d.set("download_anyway", fmt::format("/reports/cin-census?year={}&allow_errors=true", census.year));
  }
  return Page(pc, status, "reports", d);
}

http::Response Show(PageContext& pc, http::Request& request) {
  if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kViewPerformance); !allowed)
    return ErrorPage(allowed.error());
  if (auto refused = api::QueryReader(request, api::ReturnChildrenCheckParams(api::QueryFrom::kPage)).Refusal())
    return QueryRefusedPage(pc, request, "Statutory returns", *refused);
  AnnexAForm annex;
  const Date today = Today(pc);
  annex.from = BoxesOf(MonthsBefore(today, 6));
  annex.to = BoxesOf(Date(sys_days(today) - days{1}));
  CensusForm census;
  census.year = std::to_string(LastEndedCensusYear(today));
  // "Check the children first" from either form: the period typed (or the census year), kept in
  // the form; else the six months the page offers first.
  const std::string year = Trim(request.QueryParam("year"));
  if (!year.empty()) census.year = year;
  const DateBoxes from = DateParam(request, "from"), to = DateParam(request, "to");
  const bool typed = !Compose(from).empty() || !Compose(to).empty();
  if (typed) {
    annex.from = from;
    annex.to = to;
  }
  if (!request.QueryParam("list").empty()) annex.list = request.QueryParam("list");
  if (!request.QueryParam("format").empty()) annex.format = request.QueryParam("format");
  census.allow_errors = request.QueryParam("allow_errors") == "true";
  auto period = year.empty() ? app::ParseReturnCheckPeriod(Compose(annex.from), Compose(annex.to), "")
                             : app::ParseReturnCheckPeriod("", "", year);
  if (!period) return ReportsPage(pc, request, annex, census, PageErrors(period.error().fields), {}, 422);
  auto check = app::CheckReturnChildren(pc.app, api::ActorOf(request), *period);
  if (!check) return ErrorPage(check.error());
  return ReportsPage(pc, request, annex, census, {}, {}, 200, &*check);
}

http::Response AnnexA(PageContext& pc, http::Request& request) {
  if (auto refused = api::QueryReader(request, api::AnnexAParams(api::QueryFrom::kPage)).Refusal())
    return QueryRefusedPage(pc, request, "Statutory returns", *refused);
  AnnexAForm annex;
  annex.list = request.QueryParam("list");
  annex.from = DateParam(request, "from");
  annex.to = DateParam(request, "to");
  annex.format = request.QueryParam("format").empty() ? "csv" : request.QueryParam("format");
  auto parsed = app::ParseAnnexARequest(annex.list, Compose(annex.from), Compose(annex.to), annex.format);
  if (!parsed) {
    if (!parsed.error().IsInvalid()) return ErrorPage(parsed.error());
    CensusForm census;
    census.year = std::to_string(LastEndedCensusYear(Today(pc)));
    return ReportsPage(pc, request, annex, census, PageErrors(parsed.error().fields), {}, 422);
  }
  auto file = app::ProduceAnnexA(pc.app, api::ActorOf(request), *parsed);
  if (!file) {
    // A period ending after today: the form again, with the message at the last day.
    if (!file.error().IsInvalid() || file.error().fields.empty()) return ErrorPage(file.error());
    CensusForm census;
    census.year = std::to_string(LastEndedCensusYear(Today(pc)));
    return ReportsPage(pc, request, annex, census, file.error().fields, {}, 422);
  }
  return api::ReturnFileResponse(*file);
}

http::Response CinCensus(PageContext& pc, http::Request& request) {
  api::QueryReader query(request, api::CinCensusParams());
  query.TrueOrFalse("allow_errors");
  if (auto refused = query.Refusal()) return QueryRefusedPage(pc, request, "Statutory returns", *refused);
  CensusForm census;
  census.year = Trim(request.QueryParam("year"));
  census.allow_errors = request.QueryParam("allow_errors") == "true";
  AnnexAForm annex;
  const Date today = Today(pc);
  annex.from = BoxesOf(MonthsBefore(today, 6));
  annex.to = BoxesOf(Date(sys_days(today) - days{1}));
  auto year = returns::ValidCensusYear(census.year);
  if (!year) return ReportsPage(pc, request, annex, census, year.error().fields, {}, 422);
  auto result = app::ProduceCinCensus(pc.app, api::ActorOf(request), *year, census.allow_errors);
  if (!result) {
    // A year not yet ended, or one with no children: the form again, with the message at the year.
    if (!result.error().IsInvalid() || result.error().fields.empty()) return ErrorPage(result.error());
    return ReportsPage(pc, request, annex, census, result.error().fields, {}, 422);
  }
  if (!result->file) return ReportsPage(pc, request, annex, census, {}, result->findings, 422);
  return api::ReturnFileResponse(*result->file);
}

}  // namespace

void AddReportsLink(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kViewPerformance)) d.set("reports_link", "/reports");
}

void RegisterReportPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/reports", Access::kSignedIn, [pc](http::Request& r) { return Show(*pc, r); });
  router.Add("GET", "/reports/annex-a", Access::kSignedIn, [pc](http::Request& r) { return AnnexA(*pc, r); });
  router.Add("GET", "/reports/cin-census", Access::kSignedIn, [pc](http::Request& r) { return CinCensus(*pc, r); });
}

}  // namespace fd::web
