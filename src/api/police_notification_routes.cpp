#include "api/police_notification_routes.h"

#include <chrono>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

// The media type without parameters ("text/csv; charset=utf-8" → "text/csv"), lower-cased.
std::string MediaType(const http::Request& request) {
  std::string type(request.Header("content-type"));
  if (auto semicolon = type.find(';'); semicolon != std::string::npos) type.resize(semicolon);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

http::Response ImportBatch(app::AppContext& ctx, http::Request& request) {
  const std::string type = MediaType(request);
  std::string format;
  if (type == "text/csv") format = "csv";
  else if (type == "application/json") format = "json";
  else
    return http::Problem(415, "Unsupported media type",
                         "Send the batch as text/csv or application/json (docs/api.md \"Police notifications\")");
  auto report = app::ImportPoliceBatch(ctx, ActorOf(request), format, request.body);
  if (!report) return http::ProblemFrom(report.error());
  return http::Response::Json(201, PoliceBatchReportJson(*report).dump());
}

http::Response ListQueue(app::AppContext& ctx, http::Request& request) {
  QueryReader query(request, PoliceNotificationListParams(QueryFrom::kApi));
  const int page = query.WholeNumber("page", 1);
  const int size = query.WholeNumber("page_size", 50);
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  std::string status = request.QueryParam("status");
  if (status.empty()) status = "awaiting-triage";
  auto found = app::ListPoliceNotifications(ctx, ActorOf(request), status, page, size);
  if (!found) return http::ProblemFrom(found.error());
  json items = json::array();
  const Instant now = ctx.clock.Now();
  for (const auto& n : found->items) {
    json item = app::PoliceNotificationToJson(n);
    // KCR-5: taken in all the same, but never e-mailed: the front door answers another way.
    item["secure_reply_address"] = app::HasSecureReplyAddress(ctx, n);
    if (!item["secure_reply_address"].get<bool>()) item["reply_note"] = app::kNoSecureReplyNote;
    // While it waits: when the front door's decision is due (KCR-8, HCR-27, from receipt).
    if (n.status == "awaiting-triage")
      if (auto due = app::PoliceDecisionDue(ctx, n)) {
        item["decide_by"] = FormatUtc(*due);
        item["overdue"] = *due < now;
      }
    items.push_back(std::move(item));
  }
  json out = {{"items", items}, {"status", status}, {"page", page}, {"page_size", size}, {"total", found->total}};
  // The longest wait of any notification awaiting triage, so a queue left alone is seen.
  if (found->oldest_waiting_since) {
    out["oldest_waiting_since"] = FormatUtc(*found->oldest_waiting_since);
    out["oldest_waiting_minutes"] =
        std::chrono::duration_cast<std::chrono::minutes>(now - *found->oldest_waiting_since).count();
  } else {
    out["oldest_waiting_since"] = nullptr;
  }
  return http::Response::Json(200, out.dump());
}

http::Response Decide(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  app::PoliceDecisionRequest decision;
  std::vector<FieldError> errors;
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("body", "Send a JSON object"));
  if (auto it = body->find("ids"); it != body->end() && it->is_array()) {
    for (const auto& id : *it) {
      if (id.is_number_integer()) decision.ids.push_back(id.get<std::int64_t>());
      else errors.push_back({"ids", NotAListMessage("ids", "notification numbers (whole numbers)")});
    }
  } else {
    errors.push_back({"ids", "Send ids: the notifications to decide"});
  }
  if (auto it = body->find("decision"); it != body->end() && it->is_string()) decision.decision = it->get<std::string>();
  if (auto it = body->find("reason"); it != body->end() && it->is_string()) decision.reason = it->get<std::string>();
  if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
  auto decided = app::DecidePoliceNotifications(ctx, ActorOf(request), decision);
  if (!decided) return http::ProblemFrom(decided.error());
  json out = json::array();
  for (const auto& d : *decided) {
    json one = {{"id", d.id}, {"status", d.status}};
    if (d.contact_id) one["contact"] = {{"id", *d.contact_id}, {"reference", d.contact_reference}};
    out.push_back(std::move(one));
  }
  return http::Response::Json(200, json{{"decided", out}}.dump());
}

}  // namespace

json PoliceBatchReportJson(const app::PoliceBatchReport& report) {
  json problems = json::array();
  for (const auto& p : report.problems)
    problems.push_back({{"row", p.row}, {"force_reference", p.force_reference}, {"field", p.field}, {"message", p.message}});
  return {{"batch_id", report.batch_id}, {"rows", report.rows},         {"imported", report.imported},
          {"repeated", report.repeated}, {"refused", report.refused},   {"imported_ids", report.imported_ids},
          {"problems", problems}};
}

void RegisterPoliceNotificationApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("POST", "/api/v1/police-notifications/batches", Access::kSignedIn,
             [&ctx](http::Request& r) { return ImportBatch(ctx, r); });
  router.Add("GET", "/api/v1/police-notifications", Access::kSignedIn,
             [&ctx](http::Request& r) { return ListQueue(ctx, r); });
  router.Add("POST", "/api/v1/police-notifications/decisions", Access::kSignedIn,
             [&ctx](http::Request& r) { return Decide(ctx, r); });
}

}  // namespace fd::api
