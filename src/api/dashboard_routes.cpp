// The performance dashboard over the API: JSON and CSV of every figure, and the records behind one.
#include "api/dashboard_routes.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/agency_checks.h"
#include "domain/contact.h"
#include "domain/csv.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

app::DashboardQuery QueryOf(const http::Request& request) {
  return {request.QueryParam("from"), request.QueryParam("to"), request.QueryParam("team")};
}

std::string RecordsLink(const app::DashboardScope& scope, const std::string& figure,
                        const std::string& breakdown) {
  std::string link = "/api/v1/dashboard/records?figure=" + http::PercentEncode(figure);
  if (!breakdown.empty()) link += "&breakdown=" + http::PercentEncode(breakdown);
  return link + "&" + DashboardPeriodQuery(scope);
}

// A percentage to one decimal place, as the CSV and the JSON give it.
double Rounded(double percent) {
  return std::round(percent * 10.0) / 10.0;
}

json ScopeJson(const app::DashboardScope& scope) {
  return {{"period",
           {{"from", FormatIsoDate(scope.period.from)},
            {"to", FormatIsoDate(scope.period.to)},
            {"start", FormatUtc(scope.period.start)},
            {"end", FormatUtc(scope.period.end)}}},
          {"team", scope.team_id ? json{{"id", *scope.team_id}, {"name", scope.team_name}} : json(nullptr)},
          {"as_of", FormatUtc(scope.as_of)}};
}

json RowJson(const app::DashboardScope& scope, const std::string& figure, const performance::Row& row) {
  json out = {{"breakdown", row.key}, {"label", row.label}};
  if (row.IsRate()) {
    const auto percent = row.Percent();
    out["value"] = percent ? json(Rounded(*percent)) : json(nullptr);
    out["numerator"] = row.count;
    out["denominator"] = *row.denominator;
  } else {
    out["value"] = row.count;
  }
  out["records"] = RecordsLink(scope, figure, row.key);
  return out;
}

json DashboardJson(const app::Dashboard& d) {
  json figures = json::array();
  for (const auto& f : d.figures) {
    json rows = json::array();
    for (const auto& r : f.rows) rows.push_back(RowJson(d.scope, f.id, r));
    figures.push_back({{"id", f.id},
                       {"title", f.title},
                       {"total", f.total},
                       {"records", RecordsLink(d.scope, f.id, "")},
                       {"rows", rows}});
  }
  json teams = json::array();
  for (const auto& t : d.teams) teams.push_back({{"id", t.id}, {"name", t.name}});
  json out = ScopeJson(d.scope);
  out["figures"] = figures;
  out["teams"] = teams;
  out["reports"] = "/reports";
  return out;
}

bool WantsCsv(const http::Request& request) {
  const std::string format = request.QueryParam("format");
  if (format == "csv") return true;
  if (!format.empty()) return false;
  return request.Header("accept").find("text/csv") != std::string_view::npos;
}

http::Response ShowDashboard(app::AppContext& ctx, http::Request& request) {
  QueryReader query(request, DashboardParams(QueryFrom::kApi));
  query.OneOf("format", {"json", "csv"});
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  auto dashboard = app::GetDashboard(ctx, ActorOf(request), QueryOf(request));
  if (!dashboard) return http::ProblemFrom(dashboard.error());
  if (!WantsCsv(request)) {
    json out = DashboardJson(*dashboard);
    // Issue 12: partner agencies' response times to check requests sent in the period (all teams).
    auto times = app::AgencyResponseTimes(ctx, ActorOf(request), dashboard->scope.period.start,
                                          dashboard->scope.period.end);
    if (!times) return http::ProblemFrom(times.error());
    json agencies = json::array();
    for (const auto& t : *times)
      agencies.push_back({{"agency", t.agency},
                          {"agency_name", t.agency_name},
                          {"answered", t.answered},
                          {"median_hours", Rounded(t.median_hours)},
                          {"with_deadline", t.with_deadline},
                          {"within_deadline", t.within_deadline},
                          {"within_deadline_percent",
                           t.with_deadline ? json(Rounded(100.0 * t.within_deadline / t.with_deadline)) : json(nullptr)}});
    out["agency_response_times"] = agencies;
    return http::Response::Json(200, out.dump());
  }
  http::Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = CsvFile(DashboardCsv(*dashboard));  // with the byte-order mark Excel needs
  response.Header("Content-Disposition", fmt::format("attachment; filename=\"dashboard-{}-to-{}.csv\"",
                                                     FormatIsoDate(dashboard->scope.period.from),
                                                     FormatIsoDate(dashboard->scope.period.to)));
  return response;
}

http::Response ShowRecords(app::AppContext& ctx, http::Request& request) {
  QueryReader query(request, DashboardRecordsParams(QueryFrom::kApi));
  const int page = query.WholeNumber("page", 1);
  const int size = query.WholeNumber("page_size", 50);
  const std::optional<bool> counted = query.TrueOrFalse("counted");
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  const std::string figure = request.QueryParam("figure");
  if (figure.empty()) return http::ProblemFrom(Error::InvalidField("figure", "Say which figure: figure=ID"));
  auto records = app::GetDashboardRecords(
      ctx, ActorOf(request),
      {QueryOf(request), figure, request.QueryParam("breakdown"), counted, page, size});
  if (!records) return http::ProblemFrom(records.error());
  json items = json::array();
  for (const auto& r : records->items) {
    json item = {{"type", r.record_type},
                 {"id", r.id},
                 {"reference", r.reference},
                 {"link", r.link.empty() ? json(nullptr) : json(r.link)},
                 {"received", FormatUtc(r.at)},
                 {"children", r.children},
                 {"state", r.state},
                 {"outcome", r.outcome},
                 {"breakdown", r.breakdown},
                 {"detail", r.detail}};
    if (r.counted) item["counted"] = *r.counted;
    items.push_back(item);
  }
  json out = ScopeJson(records->scope);
  out["figure"] = records->figure;
  out["title"] = records->figure_title;
  out["breakdown"] = records->breakdown.empty() ? json(nullptr) : json(records->breakdown);
  out["breakdown_label"] = records->breakdown_label;
  out["items"] = items;
  out["page"] = records->page;
  out["page_size"] = records->page_size;
  out["total"] = records->total;
  return http::Response::Json(200, out.dump());
}

}  // namespace

std::string DashboardPeriodQuery(const app::DashboardScope& scope) {
  std::string out =
      fmt::format("from={}&to={}", FormatIsoDate(scope.period.from), FormatIsoDate(scope.period.to));
  if (scope.team_id) out += fmt::format("&team={}", *scope.team_id);
  return out;
}

std::string DashboardCsv(const app::Dashboard& dashboard) {
  std::string out = "figure,breakdown,value,numerator,denominator\r\n";
  for (const auto& f : dashboard.figures) {
    if (!f.Find(performance::kAll))
      out += fmt::format("{},{},{},,\r\n", CsvCell(f.id), performance::kAll, f.total);
    for (const auto& r : f.rows) {
      if (!r.IsRate()) {
        out += fmt::format("{},{},{},,\r\n", CsvCell(f.id), CsvCell(r.key), r.count);
        continue;
      }
      const auto percent = r.Percent();
      out += fmt::format("{},{},{},{},{}\r\n", CsvCell(f.id), CsvCell(r.key),
                         percent ? fmt::format("{:.1f}", Rounded(*percent)) : std::string(), r.count,
                         *r.denominator);
    }
  }
  return out;
}

void RegisterDashboardApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/dashboard", Access::kSignedIn,
             [&ctx](http::Request& r) { return ShowDashboard(ctx, r); });
  router.Add("GET", "/api/v1/dashboard/records", Access::kSignedIn,
             [&ctx](http::Request& r) { return ShowRecords(ctx, r); });
}

}  // namespace fd::api
