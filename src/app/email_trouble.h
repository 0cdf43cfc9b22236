// Whether e-mail is failing, for the warning managers, analysts and administrators see on the home
// page, the dashboard and the deadlines page, and GET /api/v1/outbox/health (docs/operations.md
// "E-mail not being sent"). An acknowledgement waiting in the outbox is not one made (HCR-22), so a
// mail server that does not answer must not go unseen behind a log line.
//
// Nobody is shown a recipient or a message: counts, times and the last error (addresses taken
// out). Administrators, who run the mail settings, also get each troubled e-mail's purpose, record,
// attempts and error, and the recipient's domain only.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "app/email_delivery.h"
#include "domain/error.h"

namespace fd::app {

// An e-mail waiting this long with no attempt made counts as failing: the worker is not sending at
// all (stopped, or no SMTP server set). One that was tried and failed counts at once.
inline constexpr std::chrono::minutes kEmailStuckAfter{5};
// An e-mail given up on is warned of for a week: long enough to be seen after a weekend; the
// contact's breached deadline and its "Not sent" stay after that.
inline constexpr std::chrono::days kGivenUpWarnedFor{7};
inline constexpr int kTroubledEmailsListed = 50;

struct TroubledEmail {
  std::int64_t id = 0;
  std::string record_type;  // "contact", "information-request", …
  std::int64_t record_id = 0;
  std::string recipient_domain;  // "herts.pnn.police.uk": never the whole address
  EmailDelivery delivery;
  Instant next_attempt_at;
};

struct EmailTrouble {
  bool failing = false;
  std::int64_t waiting = 0;              // not sent yet, still being tried
  std::optional<Instant> waiting_since;  // the longest waiting was queued
  std::int64_t given_up = 0;             // given up on in the last kGivenUpWarnedFor
  std::string last_error;                // addresses taken out
  std::string message;                   // the warning in words ("" when not failing)
  // Administrators only (kViewMetrics): the troubled e-mails, longest waiting first.
  std::optional<std::vector<TroubledEmail>> emails;
};

// Errors: kForbidden unless the actor may view deadlines, the dashboard or the service's metrics.
// Throws StoreFault.
Result<EmailTrouble> ReadEmailTrouble(AppContext& ctx, const Actor& actor);

}  // namespace fd::app
