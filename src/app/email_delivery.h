// What became of an e-mail frontdoor queued (notify/outbox.h): sent, waiting to be sent, or not sent,
// said truthfully wherever staff read about it (the contact's acknowledgement, its status link),
// and what sending it completes (HCR-22: the automatic acknowledgement is made when the mail server
// takes the e-mail, not when it is queued; docs/decisions.md "An acknowledgement is met when it is
// sent").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/instant.h"
#include "notify/outbox.h"
#include "store/store.h"

namespace fd::app {

// One e-mail as staff may read of it: never its recipient or body.
struct EmailDelivery {
  enum class State { kWaiting, kSent, kNotSent };
  State state = State::kWaiting;
  std::string purpose;  // "acknowledgement", "status-link", …
  Instant queued_at;
  std::optional<Instant> sent_at;    // kSent
  std::optional<Instant> failed_at;  // kNotSent: given up on
  int failed_attempts = 0;           // attempts that failed so far
  std::string error;                 // the last failure, addresses taken out (WithoutAddresses)
};
EmailDelivery DeliveryOf(const notify::OutboxRow& row);
// "waiting", "sent", "not-sent": the API's words.
std::string_view DeliveryStateId(EmailDelivery::State state);
// "Sent 28 Nov 2026 10:02am", "Waiting to be sent (tried 3 times; last error: …)", "Not sent: …".
std::string DeliveryWords(const EmailDelivery& delivery, const std::string& time_zone);

// The contact's e-mail of the first of `purposes` it has, or nullopt when none was queued.
std::optional<EmailDelivery> ContactEmail(store::Transaction& tx, std::int64_t contact_id,
                                          const std::vector<std::string>& purposes);

// A remote server's error with every e-mail address in it replaced by "[address]": a recipient's
// address is personal data, and the error is shown to people who may not read it.
std::string WithoutAddresses(std::string_view error);

// RULE HCR-22: the outbox worker's on_sent (notify::OutboxWorkerOptions), in the transaction that
// marks `row` sent. A contact's automatic acknowledgement is recorded as made at `sent_at` and meets
// the acknowledgement deadline then, by whoever recorded the contact; audited as contact.acknowledged.
// Every other e-mail completes nothing. Throws store::StoreFault.
void RecordEmailSent(store::Transaction& tx, const notify::OutboxRow& row, Instant sent_at);

}  // namespace fd::app
