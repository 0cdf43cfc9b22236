// Whether e-mail is being sent, over the API (app/email_trouble.h, docs/api.md):
//   GET /api/v1/outbox/health   managers, analysts, staff who work deadlines: counts, the oldest
//                               waiting, the last error and the warning's words; administrators also
//                               each troubled e-mail (never its recipient or body)
// and the JSON of one e-mail's delivery, shared by the contact's acknowledgement and status links.
#pragma once

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "app/email_delivery.h"
#include "app/email_trouble.h"
#include "http/router.h"

namespace fd::api {

void RegisterOutboxApi(http::Router& router, app::AppContext& ctx);

// {"state": "waiting"|"sent"|"not-sent", "queued_at", "sent_at"?, "failed_at"?, "failed_attempts",
//  "last_error"?}: times in UTC.
nlohmann::json EmailDeliveryJson(const app::EmailDelivery& delivery);
// The health answer: {"failing", "waiting", "waiting_since"?, "given_up", "last_error"?, "message"?,
// "emails"? (administrators)}.
nlohmann::json EmailTroubleJson(const app::EmailTrouble& trouble);

}  // namespace fd::api
