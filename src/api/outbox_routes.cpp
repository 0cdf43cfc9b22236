#include "api/outbox_routes.h"

#include "api/session_guard.h"
#include "http/problem.h"

namespace fd::api {

using nlohmann::json;

json EmailDeliveryJson(const app::EmailDelivery& delivery) {
  json out{{"state", std::string(app::DeliveryStateId(delivery.state))},
           {"queued_at", FormatUtc(delivery.queued_at)},
           {"failed_attempts", delivery.failed_attempts}};
  if (delivery.sent_at) out["sent_at"] = FormatUtc(*delivery.sent_at);
  if (delivery.failed_at) out["failed_at"] = FormatUtc(*delivery.failed_at);
  if (!delivery.error.empty()) out["last_error"] = delivery.error;
  return out;
}

json EmailTroubleJson(const app::EmailTrouble& trouble) {
  json out{{"failing", trouble.failing}, {"waiting", trouble.waiting}, {"given_up", trouble.given_up}};
  if (trouble.waiting_since) out["waiting_since"] = FormatUtc(*trouble.waiting_since);
  if (!trouble.last_error.empty()) out["last_error"] = trouble.last_error;
  if (!trouble.message.empty()) out["message"] = trouble.message;
  if (trouble.emails) {
    json emails = json::array();
    for (const auto& e : *trouble.emails) {
      json item = EmailDeliveryJson(e.delivery);
      item["id"] = e.id;
      item["purpose"] = e.delivery.purpose;
      item["record"] = {{"type", e.record_type}, {"id", e.record_id}};
      item["recipient_domain"] = e.recipient_domain;
      if (e.delivery.state == app::EmailDelivery::State::kWaiting)
        item["next_attempt_at"] = FormatUtc(e.next_attempt_at);
      emails.push_back(std::move(item));
    }
    out["emails"] = std::move(emails);
  }
  return out;
}

void RegisterOutboxApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/outbox/health", http::Access::kSignedIn, [&ctx](http::Request& request) {
    if (!request.query.empty())
      return http::ProblemFrom(Error::InvalidField(
          request.query.begin()->first,
          request.query.begin()->first + " is not a parameter of this request: it takes none, so leave it out"));
    auto trouble = app::ReadEmailTrouble(ctx, ActorOf(request));
    if (!trouble) return http::ProblemFrom(trouble.error());
    auto response = http::Response::Json(200, EmailTroubleJson(*trouble).dump());
    response.Header("Cache-Control", "no-store");
    return response;
  });
}

}  // namespace fd::api
