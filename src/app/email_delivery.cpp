#include "app/email_delivery.h"

#include <fmt/format.h>

#include "app/deadlines.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"

namespace fd::app {

EmailDelivery DeliveryOf(const notify::OutboxRow& row) {
  EmailDelivery out;
  out.purpose = row.purpose;
  out.queued_at = row.created_at;
  out.sent_at = row.sent_at;
  out.failed_at = row.failed_at;
  out.state = row.sent_at ? EmailDelivery::State::kSent
              : row.failed_at ? EmailDelivery::State::kNotSent
                              : EmailDelivery::State::kWaiting;
  // attempts counts the sending one too; a waiting or given-up row's are all failures.
  out.failed_attempts = row.sent_at ? row.attempts - 1 : row.attempts;
  if (out.failed_attempts < 0) out.failed_attempts = 0;
  out.error = WithoutAddresses(row.last_error);
  return out;
}

std::string_view DeliveryStateId(EmailDelivery::State state) {
  switch (state) {
    case EmailDelivery::State::kSent: return "sent";
    case EmailDelivery::State::kNotSent: return "not-sent";
    case EmailDelivery::State::kWaiting: break;
  }
  return "waiting";
}

std::string DeliveryWords(const EmailDelivery& delivery, const std::string& time_zone) {
  switch (delivery.state) {
    case EmailDelivery::State::kSent:
      return "Sent " + calendar::FormatLocalForPeople(*delivery.sent_at, time_zone);
    case EmailDelivery::State::kNotSent:
      return "Not sent: " + (delivery.error.empty() ? std::string("the e-mail could not be sent") : delivery.error);
    case EmailDelivery::State::kWaiting: break;
  }
  std::string words = "Waiting to be sent since " + calendar::FormatLocalForPeople(delivery.queued_at, time_zone);
  if (delivery.failed_attempts > 0)
    words += fmt::format(" (tried {} {}{})", delivery.failed_attempts, delivery.failed_attempts == 1 ? "time" : "times",
                         delivery.error.empty() ? std::string() : "; last error: " + delivery.error);
  return words;
}

std::optional<EmailDelivery> ContactEmail(store::Transaction& tx, std::int64_t contact_id,
                                          const std::vector<std::string>& purposes) {
  const auto rows = notify::ListOutbox(tx, "contact", contact_id);
  for (const auto& purpose : purposes)
    for (const auto& row : rows)
      if (row.purpose == purpose) return DeliveryOf(row);
  return std::nullopt;
}

std::string WithoutAddresses(std::string_view error) {
  // A word holding '@' (between spaces, angle brackets, quotes and the like) is taken for an address.
  const auto is_edge = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' || c == '"' || c == '\'' ||
           c == '(' || c == ')' || c == ',' || c == ';' || c == '[' || c == ']';
  };
  std::string out;
  out.reserve(error.size());
  std::size_t i = 0;
  while (i < error.size()) {
    if (is_edge(error[i])) {
      out += error[i++];
      continue;
    }
    std::size_t end = i;
    while (end < error.size() && !is_edge(error[end])) ++end;
    const std::string_view word = error.substr(i, end - i);
    if (word.find('@') != std::string_view::npos) out += "[address]";
    else out.append(word);
    i = end;
  }
  return out;
}

void RecordEmailSent(store::Transaction& tx, const notify::OutboxRow& row, Instant sent_at) {
  if (row.record_type != "contact" || row.purpose != "acknowledgement") return;
  const auto contact = store::FindContact(tx, row.record_id);
  if (!contact) return;  // erased by retention since it was queued: nothing left to meet
  // Made by the system on behalf of whoever recorded the contact (the portal's user for a request
  // for support), as it was when the e-mail counted on being queued.
  store::InsertAcknowledgement(tx, contact->id, "email", "Automatic e-mail acknowledgement", sent_at,
                               contact->recorded_by);
  const auto met = MeetDeadline(tx, "contact", contact->id, "acknowledgement", sent_at, contact->recorded_by);
  audit::Append(tx, {sent_at, std::nullopt, "system", "contact.acknowledged", "contact", std::to_string(contact->id),
                     {{"method", "email"}, {"automatic", true}, {"email_id", row.id}, {"deadlines_met", met}}});
}

}  // namespace fd::app
