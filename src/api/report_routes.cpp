#include "api/report_routes.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/return_child_check.h"
#include "domain/field_words.h"
#include "domain/text.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

// The query parameters a report takes, and no other: a misspelt one ("form=") would otherwise
// quietly give the default; nor one twice (which would be a guess).
std::optional<http::Response> OnlyParams(const http::Request& request, std::vector<std::string_view> known) {
  const QueryReader query(request, std::move(known));
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  return std::nullopt;
}

http::Response AnnexA(app::AppContext& ctx, const http::Request& request) {
  if (auto bad = OnlyParams(request, AnnexAParams(QueryFrom::kApi))) return *bad;
  const std::string format = request.QueryParam("format").empty() ? "csv" : request.QueryParam("format");
  auto parsed = app::ParseAnnexARequest(request.QueryParam("list"), request.QueryParam("from"),
                                        request.QueryParam("to"), format);
  if (!parsed) return http::ProblemFrom(parsed.error());
  auto file = app::ProduceAnnexA(ctx, ActorOf(request), *parsed);
  if (!file) return http::ProblemFrom(file.error());
  return ReturnFileResponse(*file);
}

json FindingsJson(const std::vector<returns::CensusFinding>& findings) {
  json out = json::array();
  for (const auto& f : findings)
    out.push_back({{"rule", f.rule},
                   {"severity", f.query ? "query" : "error"},
                   {"child", f.child_id},
                   {"record", f.record},
                   {"message", f.message},
                   {"text", f.ToString()}});
  return out;
}

http::Response CinCensus(app::AppContext& ctx, const http::Request& request) {
  if (auto bad = OnlyParams(request, CinCensusParams())) return *bad;
  const std::string allow = request.QueryParam("allow_errors");
  if (!allow.empty() && allow != "true" && allow != "false")
    return http::ProblemFrom(Error::InvalidField("allow_errors", NotTrueOrFalseMessage("allow_errors")));
  auto year = returns::ValidCensusYear(request.QueryParam("year"));
  if (!year) return http::ProblemFrom(year.error());
  auto result = app::ProduceCinCensus(ctx, ActorOf(request), *year, allow == "true");
  if (!result) return http::ProblemFrom(result.error());
  if (!result->file) {
    // 422 naming every failure and its record; the census is written once they are put right, or
    // with allow_errors=true.
    std::int64_t errors = 0;
    for (const auto& f : result->findings) errors += f.query ? 0 : 1;
    const json body = {
        {"type", "about:blank"},
        {"title", "The census's validation found errors"},
        {"status", 422},
        {"detail", fmt::format("The CIN census {} has {} and {}. Put them right, or ask again with "
                               "allow_errors=true to have the XML anyway.",
                               year->year, CountOf(errors, "error", "errors"),
                               CountOf(static_cast<std::int64_t>(result->findings.size()) - errors, "query",
                                       "queries"))},
        {"findings", FindingsJson(result->findings)}};
    return http::Response{422, "application/problem+json", {},
                          body.dump(-1, ' ', false, json::error_handler_t::replace)};
  }
  http::Response response = ReturnFileResponse(*result->file);
  // Queries (and, when allowed, errors) travel with the file, so a caller can show them.
  response.Header("X-Census-Findings", std::to_string(result->findings.size()));
  return response;
}

// The check before downloading: the children who may be one child under two ids, each with the
// contacts a worker opens to link them to the register (app/return_child_check.h).
http::Response ChildrenCheck(app::AppContext& ctx, const http::Request& request) {
  if (auto bad = OnlyParams(request, ReturnChildrenCheckParams(QueryFrom::kApi))) return *bad;
  auto period = app::ParseReturnCheckPeriod(request.QueryParam("from"), request.QueryParam("to"),
                                            request.QueryParam("year"));
  if (!period) return http::ProblemFrom(period.error());
  auto check = app::CheckReturnChildren(ctx, ActorOf(request), *period);
  if (!check) return http::ProblemFrom(check.error());
  json groups = json::array();
  for (const auto& g : check->maybe_same_child) {
    json contacts = json::array();
    for (const auto& c : g.contacts)
      contacts.push_back({{"child_id", c.child_id},
                          {"contact_id", c.contact_id},
                          {"reference", c.contact_reference},
                          {"position", c.position},
                          {"received_on", FormatIsoDate(c.received_on)},
                          {"linked", c.linked},
                          {"href", fmt::format("/api/v1/contacts/{}", c.contact_id)},
                          {"page", fmt::format("/contacts/{}", c.contact_id)}});
    groups.push_back({{"date_of_birth", FormatIsoDate(g.date_of_birth)},
                      {"child_ids", g.child_ids},
                      {"message", "May be the same child: link them to the register"},
                      {"contacts", std::move(contacts)}});
  }
  const json body = {{"from", FormatIsoDate(check->period.from)},
                     {"to", FormatIsoDate(check->period.to)},
                     {"may_be_same_child", {{"count", check->maybe_same_child.size()}, {"groups", std::move(groups)}}}};
  return http::Response::Json(200, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

http::Response ReturnFileResponse(const app::ReturnFile& file) {
  http::Response response;
  response.status = 200;
  response.content_type = file.content_type;
  response.body = file.bytes;
  // File names are built from dates and digits only (app/statutory_returns.cpp), never from input.
  response.Header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file.file_name));
  response.Header("Cache-Control", "no-store");
  response.Header("X-Return-Rows", std::to_string(file.rows));
  return response;
}

void RegisterReportApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/reports/annex-a", Access::kSignedIn, [&ctx](http::Request& r) { return AnnexA(ctx, r); });
  router.Add("GET", "/api/v1/reports/cin-census", Access::kSignedIn,
             [&ctx](http::Request& r) { return CinCensus(ctx, r); });
  router.Add("GET", "/api/v1/reports/children-check", Access::kSignedIn,
             [&ctx](http::Request& r) { return ChildrenCheck(ctx, r); });
}

}  // namespace fd::api
