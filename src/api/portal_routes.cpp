// The portal's API: the same contact JSON as POST /api/v1/contacts, recorded by the portal account
// (app::SubmitPortalContact). The answer is the receipt only (HCR-16) and the urgent advice
// (HCR-12, HCR-13): nothing about the contact is echoed to an unauthenticated caller. And the urgent
// advice the form shows before sending (HCR-18), which says nothing about anyone.
#include "api/portal_routes.h"

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "app/contact_json.h"
#include "app/contacts.h"
#include "app/idempotent_contacts.h"
#include "app/urgent_advice.h"
#include "calendar/local_time.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

http::Response SubmitPortalContact(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  auto draft = app::ContactDraftFromJson(*body);
  if (!draft) return http::ProblemFrom(draft.error());
  // A resend with the same Idempotency-Key gets the first receipt again (docs/api.md).
  std::optional<app::IdempotencyKey> key;
  if (request.HasHeader("idempotency-key"))
    key = app::IdempotencyKey{std::string(request.Header("idempotency-key")), app::RequestFingerprint(*body)};
  // Limited per address as the status links are (429 with Retry-After); the detail says to phone.
  auto receipt = app::SubmitPortalContact(ctx, std::move(*draft), key, request.remote_address);
  if (!receipt) return http::ProblemFrom(receipt.error());
  json answer{{"reference", receipt->reference},
              {"received_at", calendar::FormatLocalIso(receipt->received_at, ctx.time_zone)},
              {"urgent", receipt->urgent},
              {"urgent_advice", receipt->urgent_advice},
              {"acknowledgement_emailed", receipt->acknowledgement_emailed},
              {"returned", receipt->routed_to == RoutedTo::kReturned},  // HCR-9
              {"what_happens_next", receipt->what_happens_next}};
  // HCR-18, KCR-8: for a request at the front door, whether it is open now and when it opens again;
  // CAL-3: a routine one's decision due, the deadline recorded (what_happens_next says it in words).
  if (receipt->routed_to == RoutedTo::kFrontDoor) {
    answer["front_door_open"] = receipt->front_door_open;
    if (receipt->front_door_opens)
      answer["front_door_opens"] = calendar::FormatLocalIso(*receipt->front_door_opens, ctx.time_zone);
  }
  if (receipt->decision_due) answer["decision_due"] = calendar::FormatLocalIso(*receipt->decision_due, ctx.time_zone);
  // HCR-33: told where it went when that follows from what they said (never the allocated worker).
  if (receipt->routed_to == RoutedTo::kLado) answer["passed_to"] = std::string(kLadoName);
  // Their own status link (issue 12 point 3), also in the acknowledgement e-mail.
  if (!receipt->status_url.empty()) answer["status_link"] = receipt->status_url;
  // KCR-17: a professional's link shows the outcome, so it goes only by e-mail (app/contacts.h).
  if (receipt->status_link_emailed_only) answer["status_link_emailed_only"] = true;
  // KCR-17, HCR-24: a professional is told how they will hear the outcome.
  if (!receipt->how_outcome_told.empty()) answer["how_outcome_told"] = receipt->how_outcome_told;
  auto response = http::Response::Json(201, answer.dump());
  if (key) response.Header("Idempotent-Replayed", receipt->replayed ? "true" : "false");
  return response;
}

// HCR-12, HCR-18: the urgent advice the portal's form shows before a request is sent, for a system
// that builds its own form: whom to call now, by the pack and the clock.
http::Response UrgentAdvice(app::AppContext& ctx) {
  const auto advice = app::PortalUrgentAdvice(ctx, true);
  return http::Response::Json(
      200, json{{"urgent_advice", advice.advice}, {"intake_service_open", advice.intake_service_open}}.dump());
}

}  // namespace

void RegisterPortalApi(http::Router& router, app::AppContext& ctx) {
  router.Add("GET", "/api/v1/portal/urgent-advice", http::Access::kPublic,
             [&ctx](http::Request&) { return UrgentAdvice(ctx); });
  router.Add("POST", "/api/v1/portal/contacts", http::Access::kPublic,
             [&ctx](http::Request& r) { return SubmitPortalContact(ctx, r); });
}

}  // namespace fd::api
