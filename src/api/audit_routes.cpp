#include "api/audit_routes.h"

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/audit_reading.h"
#include "calendar/local_time.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json ChainJson(const audit::VerifyReport& chain) {
  return {{"intact", chain.intact},
          {"verified_to", chain.intact ? chain.head_seq : chain.first_bad_seq.value_or(1) - 1},
          {"first_bad_event", chain.first_bad_seq ? json(*chain.first_bad_seq) : json(nullptr)},
          {"problem", chain.intact ? json(nullptr) : json(chain.problem)},
          {"events_erased", chain.events_erased},
          {"summary", app::ChainStateInWords(chain)}};
}

// ?event_type=user.&who=admin&record_kind=user&record_id=12&from=2026-11-01&to=2026-11-30&page=1&page_size=25
http::Response AuditEventsReply(app::AppContext& ctx, http::Request& r) {
  auto page = IntParam(r, "page", 1);
  if (!page) return http::ProblemFrom(page.error());
  auto size = IntParam(r, "page_size", app::kAuditPageSize);
  if (!size) return http::ProblemFrom(size.error());
  const app::AuditQuery query{r.QueryParam("event_type"), r.QueryParam("who"), r.QueryParam("record_kind"),
                              r.QueryParam("record_id"),  r.QueryParam("from"), r.QueryParam("to"),
                              *page,                      *size};
  auto listing = app::ReadAuditLog(ctx, ActorOf(r), query);
  if (!listing) return http::ProblemFrom(listing.error());
  json events = json::array();
  for (const auto& e : listing->rows)
    events.push_back({{"seq", e.seq},
                      {"at", calendar::FormatLocalIso(e.at, ctx.time_zone)},
                      {"at_utc", FormatUtc(e.at)},
                      {"actor", e.actor},
                      {"actor_name", e.actor_name.empty() ? json(nullptr) : json(e.actor_name)},
                      {"event_type", e.action},
                      {"what", e.what},
                      {"record_kind", e.record_kind},
                      {"record_id", e.record_id},
                      {"record", e.record},
                      {"details", e.details},
                      {"erased_by", e.erased_by ? json(*e.erased_by) : json(nullptr)}});
  return http::Response::Json(200, json{{"events", events},
                                        {"total", listing->total},
                                        {"page", listing->page},
                                        {"page_size", listing->page_size},
                                        {"chain", ChainJson(listing->chain)}}
                                       .dump());
}

}  // namespace

void RegisterAuditApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/audit-events", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return AuditEventsReply(ctx, r); });
}

}  // namespace fd::api
