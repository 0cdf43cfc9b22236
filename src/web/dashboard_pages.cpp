#include "web/dashboard_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

#include "api/dashboard_routes.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/agency_checks.h"
#include "app/performance.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "policy/procedures.h"
#include "web/dashboard_charts.h"
#include "web/email_warning.h"
#include "web/error_pages.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
namespace perf = performance;

constexpr int kPageSize = 50;

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

std::string DayWords(perf::Date d) {
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()),
                     kMonths[static_cast<unsigned>(d.month()) - 1], static_cast<int>(d.year()));
}

std::string PeriodWords(const app::DashboardScope& s) {
  const std::string period = s.period.from == s.period.to
                                 ? DayWords(s.period.from)
                                 : DayWords(s.period.from) + " to " + DayWords(s.period.to);
  return period + ", " + (s.team_id ? s.team_name : std::string("all teams"));
}

std::string PercentWords(std::optional<double> percent) {
  return percent ? fmt::format("{:.1f}%", *percent) : std::string("–");
}

// A date as typed in the form's boxes (`from-day`, `from-month`, `from-year`), composed to
// YYYY-MM-DD for the use case; or the `from` parameter of a link. Boxes that are not numbers pass
// through unchanged, so the use case refuses them.
std::string DateParam(const http::Request& request, const std::string& name) {
  const std::string day = request.QueryParam(name + "-day"), month = request.QueryParam(name + "-month"),
                    year = request.QueryParam(name + "-year");
  if (day.empty() && month.empty() && year.empty()) return request.QueryParam(name);
  auto pad = [](const std::string& text, std::size_t width) {
    const bool digits = !text.empty() && std::all_of(text.begin(), text.end(),
                                                     [](unsigned char c) { return std::isdigit(c); });
    return digits && text.size() <= width ? std::string(width - text.size(), '0') + text : text;
  };
  return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
}

app::DashboardQuery QueryOf(const http::Request& request) {
  return {DateParam(request, "from"), DateParam(request, "to"), request.QueryParam("team")};
}

// The pages show dates as GOV.UK asks for them ("for example 1 3 2026"), not as the API does.
std::string ForPeople(std::string message) {
  for (auto [iso, boxes] : {std::pair{"like 2025-01-01", "for example 1 3 2026"},
                            std::pair{"like 2025-06-30", "for example 31 3 2026"}})
    if (auto at = message.find(iso); at != std::string::npos)
      message.replace(at, std::string(iso).size(), boxes);
  return message;
}

Data DateField(const http::Request& request, const std::string& name, const char* legend, const char* hint,
               std::optional<perf::Date> value, const std::string& error) {
  Data f = Object();
  f.set("name", name);
  f.set("legend", std::string(legend));
  f.set("hint", std::string(hint));
  const bool typed = !request.QueryParam(name + "-day").empty() ||
                     !request.QueryParam(name + "-month").empty() ||
                     !request.QueryParam(name + "-year").empty();
  if (typed || !value) {
    f.set("day", request.QueryParam(name + "-day"));
    f.set("month", request.QueryParam(name + "-month"));
    f.set("year", request.QueryParam(name + "-year"));
  } else {
    f.set("day", std::to_string(static_cast<unsigned>(value->day())));
    f.set("month", std::to_string(static_cast<unsigned>(value->month())));
    f.set("year", std::to_string(static_cast<int>(value->year())));
  }
  if (!error.empty()) {
    f.set("error", true);
    f.set("error_message", error);
  }
  return f;
}

Data TeamOptions(const std::vector<app::DashboardTeam>& teams, const std::string& chosen) {
  Data options = List();
  Data all = Object();
  all.set("value", std::string());
  all.set("text", std::string("All teams"));
  if (chosen.empty()) all.set("selected", true);
  options.push_back(all);
  for (const auto& t : teams) {
    Data o = Object();
    o.set("value", std::to_string(t.id));
    o.set("text", t.name);
    if (chosen == std::to_string(t.id)) o.set("selected", true);
    options.push_back(o);
  }
  return options;
}

// "Last month", "This month so far", "The last 12 months": one click to the periods most asked for.
Data QuickLinks(const PageContext& pc, const std::string& team) {
  const auto today = calendar::LocalDate(pc.app.clock.Now(), pc.app.time_zone);
  const perf::Date this_month{today.year(), today.month(), std::chrono::day{1}};
  const perf::Date last_month_end{sys_days{this_month} - days{1}};
  const perf::Date last_month{last_month_end.year(), last_month_end.month(), std::chrono::day{1}};
  const perf::Date year_ago{sys_days{today} - days{364}};
  Data links = List();
  for (auto [text, from, to] : {std::tuple{"Last month", last_month, last_month_end},
                                std::tuple{"This month so far", this_month, today},
                                std::tuple{"The last 12 months", year_ago, today}}) {
    Data l = Object();
    l.set("text", std::string(text));
    l.set("href", fmt::format("/dashboard?from={}&to={}{}", FormatIsoDate(from), FormatIsoDate(to),
                              team.empty() ? std::string() : "&team=" + team));
    links.push_back(l);
  }
  return links;
}

std::string RecordsHref(const app::DashboardScope& scope, const std::string& figure,
                        const std::string& breakdown, std::optional<bool> counted = std::nullopt) {
  std::string href = "/dashboard/records?figure=" + http::PercentEncode(figure);
  if (!breakdown.empty()) href += "&breakdown=" + http::PercentEncode(breakdown);
  if (counted) href += *counted ? "&counted=true" : "&counted=false";
  return href + "&" + api::DashboardPeriodQuery(scope);
}

const char* RecordNoun(const std::string& figure) {
  if (figure == perf::kReReferrals) return "referrals";
  if (figure == perf::kConsultationsByType || figure == perf::kConsultationAdvice) return "consultations";
  if (figure == perf::kDeadlines) return "deadlines";
  return "contacts";
}

// The table beside a chart: one row per breakdown, the number linking to its records.
Data TableRows(const app::DashboardScope& scope, const perf::Figure& f) {
  Data rows = List();
  for (const auto& r : f.rows) {
    Data row = Object();
    row.set("label", r.label);
    row.set("count", std::to_string(r.count));
    if (r.count > 0) row.set("link", RecordsHref(scope, f.id, r.key));
    if (r.IsRate()) {
      row.set("out_of", std::to_string(*r.denominator));
      row.set("percent", PercentWords(r.Percent()));
    }
    rows.push_back(row);
  }
  return rows;
}

std::string ValueText(const perf::Row& r) {
  if (r.IsRate() && r.Percent()) return fmt::format("{} ({:.0f}%)", r.count, *r.Percent());
  return std::to_string(r.count);
}

std::string CountsDesc(const perf::Figure& f, const char* noun) {
  std::string desc = fmt::format("{} {}", f.total, noun);
  std::string parts;
  for (const auto& r : f.rows)
    if (r.count > 0 && r.key != perf::kAll)
      parts += fmt::format("{}{}: {}", parts.empty() ? "" : "; ", r.label, ValueText(r));
  return parts.empty() ? desc + "." : desc + ". " + parts + ".";
}

Data FigureView(const app::DashboardScope& scope, const perf::Figure& f, const std::string& column_class) {
  Data v = Object();
  v.set("id", f.id);
  v.set("title", f.title);
  v.set("column_class", column_class);
  v.set("records_link", RecordsHref(scope, f.id, ""));
  v.set("records_text", fmt::format("See the {} {} behind this figure", f.total, RecordNoun(f.id)));
  v.set("period", PeriodWords(scope));
  v.set("rows", TableRows(scope, f));
  const std::string chart_id = "chart-" + f.id;
  const perf::Row* rate = f.Find(perf::kAll);
  if (rate && rate->IsRate()) {
    std::string caption = fmt::format("{} of {}: {}", rate->count, *rate->denominator, rate->label);
    std::string desc = fmt::format("{}. {} of {}: {}", PercentWords(rate->Percent()), rate->count,
                                   *rate->denominator, rate->label);
    for (const auto& r : f.rows)
      if (!r.IsRate()) desc += fmt::format(". {}: {}", r.label, r.count);
    v.set("svg", RateChart(chart_id, f.title, desc + ".", rate->Percent()));
    v.set("rate_caption", caption);
    v.set("counted_link", RecordsHref(scope, f.id, std::string(perf::kAll), true));
    v.set("not_counted_link", RecordsHref(scope, f.id, std::string(perf::kAll), false));
    return v;
  }
  std::vector<ChartBar> bars;
  for (const auto& r : f.rows) bars.push_back({r.label, r.count, ValueText(r)});
  if (f.id == perf::kContactsByDay) {
    const perf::Row* busiest = nullptr;
    for (const auto& r : f.rows)
      if (!busiest || r.count > busiest->count) busiest = &r;
    std::string desc = fmt::format("{} contacts over {} days", f.total, f.rows.size());
    if (busiest && busiest->count > 0)
      desc += fmt::format("; the most on {} ({})", busiest->label, busiest->count);
    v.set("svg", ColumnChart(chart_id, f.title, desc + ".", bars, DayWords(scope.period.from),
                             DayWords(scope.period.to)));
    return v;
  }
  v.set("svg", HorizontalBarChart(chart_id, f.title, CountsDesc(f, RecordNoun(f.id)), bars));
  return v;
}

// Deadlines: a stacked bar per rule, and a table of rule by state whose every number links.
Data DeadlineView(const app::DashboardScope& scope, const perf::Figure& f) {
  Data v = FigureView(scope, f, "govuk-grid-column-full");
  std::vector<StackedRow> stacked;
  Data matrix = List();
  const std::size_t states = std::size(perf::kDeadlineStates);
  std::string desc = fmt::format("{} deadlines", f.total);
  for (std::size_t i = 0; i + states <= f.rows.size(); i += states) {
    const std::string label = f.rows[i].label.substr(0, f.rows[i].label.rfind(": "));
    StackedRow row{label, {}};
    Data cells = List();
    std::int64_t sum = 0;
    std::string parts;
    for (std::size_t s = 0; s < states; ++s) {
      const auto& r = f.rows[i + s];
      row.segments.push_back(r.count);
      sum += r.count;
      Data cell = Object();
      cell.set("count", std::to_string(r.count));
      cell.set("label", r.label);
      if (r.count > 0) {
        cell.set("link", RecordsHref(scope, f.id, r.key));
        parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", r.count,
                             r.label.substr(r.label.rfind(": ") + 2));
      }
      cells.push_back(cell);
    }
    if (sum == 0) continue;  // a rule with no deadlines in the period
    if (!parts.empty()) desc += fmt::format("; {}: {}", label, parts);
    stacked.push_back(row);
    Data m = Object();
    m.set("label", label);
    m.set("cells", cells);
    matrix.push_back(m);
  }
  v.set("svg", StackedBarChart("chart-deadlines", f.title, desc + ".", stacked,
                               {"Open", "Met on time", "Met late", "Breached"},
                               {"app-chart__segment--open", "app-chart__segment--met-on-time",
                                "app-chart__segment--met-late", "app-chart__segment--breached"}));
  v.set("is_matrix", true);
  v.set("matrix", matrix);
  if (stacked.empty()) v.set("no_deadlines", true);
  return v;
}

Data Group(const char* heading, Data figures) {
  Data g = Object();
  g.set("heading", std::string(heading));
  g.set("figures", figures);
  return g;
}

http::Response DashboardPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  // The same period and team as GET /api/v1/dashboard (and Annex A's from and to), plus the form's
  // date boxes; anything else, or anything twice, is refused rather than ignored.
  if (auto refused = api::QueryReader(request, api::DashboardParams(api::QueryFrom::kPage)).Refusal())
    return QueryRefusedPage(pc, request, "Performance dashboard", *refused);
  const app::DashboardQuery query = QueryOf(request);
  auto dashboard = app::GetDashboard(pc.app, actor, query);
  if (!dashboard && !dashboard.error().IsInvalid()) return ErrorPage(dashboard.error());
  Data d = PageData(request, "Performance dashboard");
  AddEmailWarning(pc, actor, d);  // HCR-22: a rate that counts only e-mails sent, and why it may fall
  d.set("back_link", "/");
  d.set("reports_link", "/reports");
  d.set("quick_links", QuickLinks(pc, request.QueryParam("team")));
  std::string from_error, to_error, team_error;
  if (!dashboard) {
    Data errors = List();
    for (const auto& e : dashboard.error().fields) {
      const std::string message = ForPeople(e.message);
      (e.field == "from" ? from_error : e.field == "to" ? to_error : team_error) = message;
      Data item = Object();
      item.set("input_id", e.field == "team" ? std::string("team") : e.field + "-day");
      item.set("message", message);
      errors.push_back(item);
    }
    d.set("has_errors", true);
    d.set("errors", errors);
  }
  const std::optional<perf::Date> from =
      dashboard ? std::optional(dashboard->scope.period.from) : std::nullopt;
  const std::optional<perf::Date> to = dashboard ? std::optional(dashboard->scope.period.to) : std::nullopt;
  d.set("from_field", DateField(request, "from", "From", "For example, 1 3 2026", from, from_error));
  d.set("to_field",
        DateField(request, "to", "To (the day itself included)", "For example, 31 3 2026", to, to_error));
  std::vector<app::DashboardTeam> teams;
  if (dashboard)
    teams = dashboard->teams;
  else if (auto listed = app::ListDashboardTeams(pc.app, actor))
    teams = *listed;
  d.set("teams",
        TeamOptions(teams, dashboard && dashboard->scope.team_id ? std::to_string(*dashboard->scope.team_id)
                                                                 : request.QueryParam("team")));
  if (!team_error.empty()) {
    d.set("team_error", true);
    d.set("team_error_message", team_error);
  }
  if (!dashboard) return Page(pc, 422, "dashboard", d);

  const auto& scope = dashboard->scope;
  d.set("has_figures", true);
  // Issue 12: how quickly partner agencies answer the checks sent in the period.
  if (auto times = app::AgencyResponseTimes(pc.app, actor, scope.period.start, scope.period.end);
      times && !times->empty()) {
    Data rows = List();
    for (const auto& t : *times) {
      Data row = Object();
      row.set("agency", t.agency_name);
      row.set("answered", std::to_string(t.answered));
      row.set("median", fmt::format("{:.1f}", t.median_hours));
      row.set("within", t.with_deadline ? fmt::format("{:.0f}%", 100.0 * t.within_deadline / t.with_deadline)
                                        : std::string("No deadlines"));
      rows.push_back(row);
    }
    d.set("has_agency_times", true);
    d.set("agency_times", rows);
  }
  d.set("period", PeriodWords(scope));
  d.set("as_of", calendar::FormatLocalForPeople(scope.as_of, pc.app.time_zone));
  d.set("csv_link", "/api/v1/dashboard?format=csv&" + api::DashboardPeriodQuery(scope));
  d.set("json_link", "/api/v1/dashboard?" + api::DashboardPeriodQuery(scope));
  auto figure = [&](std::string_view id) -> const perf::Figure& {
    return *std::find_if(dashboard->figures.begin(), dashboard->figures.end(),
                         [&](const perf::Figure& f) { return f.id == id; });
  };
  const std::string half = "govuk-grid-column-one-half", full = "govuk-grid-column-full";
  Data groups = List();
  {
    Data f = List();
    f.push_back(FigureView(scope, figure(perf::kDecisionsInTime), half));
    // Only where the authority's procedures set a time to acknowledge a contact (Hertfordshire's
    // HCR-22): under Kent's packs there is none, and a rate against it would read as a failure.
    // The API's figures keep it either way, for a client that compares authorities.
    const auto& versions = pc.app.procedures.versions();
    if (std::any_of(versions.begin(), versions.end(),
                    [](const policy::PolicyPack& pack) { return pack.Timescale("acknowledgement") != nullptr; }))
      f.push_back(FigureView(scope, figure(perf::kAcknowledgementsInTime), half));
    groups.push_back(Group("Timeliness", f));
  }
  {
    Data f = List();
    f.push_back(FigureView(scope, figure(perf::kContactsBySource), full));
    f.push_back(FigureView(scope, figure(perf::kContactsByDay), full));
    groups.push_back(Group("Contacts", f));
  }
  {
    Data f = List();
    f.push_back(FigureView(scope, figure(perf::kConversion), half));
    f.push_back(FigureView(scope, figure(perf::kReReferrals), half));
    f.push_back(FigureView(scope, figure(perf::kOutcomes), full));
    groups.push_back(Group("Referrals and outcomes", f));
  }
  {
    Data f = List();
    f.push_back(FigureView(scope, figure(perf::kConsultationsByType), full));
    f.push_back(FigureView(scope, figure(perf::kConsultationAdvice), full));
    groups.push_back(Group("Consultations", f));
  }
  {
    Data f = List();
    f.push_back(DeadlineView(scope, figure(perf::kDeadlines)));
    groups.push_back(Group("Deadlines", f));
  }
  d.set("groups", groups);
  return Page(pc, 200, "dashboard", d);
}

// Whether the actor may open the record a row links to (an analyst sees the list, not the records).
bool MayOpen(const app::Actor& actor, const std::string& record_type) {
  using app::Action;
  if (record_type == "contact") return app::IsAllowed(actor.role, Action::kViewContact);
  if (record_type == "consultation") return app::IsAllowed(actor.role, Action::kAdviseConsultation);
  if (record_type == "chair-consultation")
    return app::IsAllowed(actor.role, Action::kRequestChairConsultation) ||
           app::IsAllowed(actor.role, Action::kAllocateChairConsultation) ||
           app::IsAllowed(actor.role, Action::kRecordChairConsultation);
  return false;
}

http::Response RecordsPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  api::QueryReader query(request, api::DashboardRecordsParams(api::QueryFrom::kPage));
  const int page = query.WholeNumber("page", 1);
  const std::optional<bool> counted = query.TrueOrFalse("counted");
  if (auto refused = query.Refusal()) return QueryRefusedPage(pc, request, "The records behind a figure", *refused);
  auto records = app::GetDashboardRecords(pc.app, actor,
                                          {QueryOf(request), request.QueryParam("figure"),
                                           request.QueryParam("breakdown"), counted, page, kPageSize});
  if (!records) return ErrorPage(records.error());
  const auto& r = *records;
  Data d = PageData(request, r.figure_title + ": the records");
  d.set("back_link", "/dashboard?" + api::DashboardPeriodQuery(r.scope));
  d.set("figure_title", r.figure_title);
  d.set("period", PeriodWords(r.scope));
  if (!r.breakdown_label.empty()) d.set("breakdown_label", r.breakdown_label);
  if (counted)
    d.set("counted_words", *counted ? std::string("Only those counted in the figure")
                                    : std::string("Only those not counted in the figure"));
  d.set("summary", fmt::format("{} {}", r.total, r.total == 1 ? "record" : "records"));
  bool any_counted = false;
  Data rows = List();
  for (const auto& item : r.items) {
    Data row = Object();
    row.set("reference", item.reference.empty() ? fmt::format("Record {}", item.id) : item.reference);
    if (MayOpen(actor, item.record_type) && !item.link.empty()) row.set("link", item.link);
    row.set("received", calendar::FormatLocalForPeople(item.at, pc.app.time_zone));
    row.set("children", item.children.empty() ? std::string("Not named") : item.children);
    row.set("state", item.state);
    row.set("outcome", item.outcome.empty() ? std::string("–") : item.outcome);
    if (!item.detail.empty()) row.set("detail", item.detail);
    if (item.counted) {
      any_counted = true;
      row.set("counted", std::string(*item.counted ? "Yes" : "No"));
    }
    rows.push_back(row);
  }
  if (any_counted) d.set("has_counted", true);
  if (!r.items.empty()) d.set("has_records", true);
  d.set("records", rows);
  const int pages = static_cast<int>((r.total + kPageSize - 1) / kPageSize);
  if (pages > 1) {
    std::string base = "/dashboard/records?figure=" + http::PercentEncode(r.figure);
    if (!r.breakdown.empty()) base += "&breakdown=" + http::PercentEncode(r.breakdown);
    if (counted) base += *counted ? "&counted=true" : "&counted=false";
    base += "&" + api::DashboardPeriodQuery(r.scope) + "&page=";
    d.set("has_pages", true);
    if (page > 1) d.set("previous", base + std::to_string(page - 1));
    if (page < pages) d.set("next", base + std::to_string(page + 1));
    Data numbers = List();
    for (int n = std::max(1, page - 3); n <= std::min(pages, page + 3); ++n) {
      Data item = Object();
      item.set("number", std::to_string(n));
      item.set("link", base + std::to_string(n));
      if (n == page) item.set("current", true);
      numbers.push_back(item);
    }
    d.set("pages", numbers);
  }
  return Page(pc, 200, "dashboard_records", d);
}

}  // namespace

void AddDashboardLink(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kViewPerformance)) d.set("dashboard_link", "/dashboard");
}

void RegisterDashboardPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/dashboard", Access::kSignedIn,
             [pc](http::Request& r) { return DashboardPage(*pc, r); });
  router.Add("GET", "/dashboard/records", Access::kSignedIn,
             [pc](http::Request& r) { return RecordsPage(*pc, r); });
}

}  // namespace fd::web
