#include "app/email_trouble.h"

#include <fmt/format.h>

#include "app/permissions.h"
#include "calendar/local_time.h"
#include "notify/outbox.h"

namespace fd::app {
namespace {

std::string DomainOf(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string() : address.substr(at + 1);
}

std::string MessageOf(const EmailTrouble& t, const std::string& time_zone) {
  std::vector<std::string> parts;
  if (t.waiting > 0)
    parts.push_back(fmt::format("{} waiting since {}", t.waiting,
                                calendar::FormatLocalForPeople(*t.waiting_since, time_zone)));
  if (t.given_up > 0)
    parts.push_back(fmt::format("{} given up on in the last {} days", t.given_up, kGivenUpWarnedFor.count()));
  std::string text = "E-mails are not being sent: ";
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
  if (!t.last_error.empty()) text += "; last error: " + t.last_error;
  // HCR-22: an acknowledgement not sent is not made; the referrer is still owed one.
  return text + ". Tell your system administrator. Referrers are not acknowledged until their e-mail is sent.";
}

}  // namespace

Result<EmailTrouble> ReadEmailTrouble(AppContext& ctx, const Actor& actor) {
  const bool administrator = Authorise(actor, Action::kViewMetrics).has_value();
  if (!administrator && !Authorise(actor, Action::kViewDeadlines) && !Authorise(actor, Action::kViewPerformance))
    return std::unexpected(Error::Forbidden("Your role does not allow you to see whether e-mails are being sent"));
  const Instant now = ctx.clock.Now();
  const Instant stuck_before = now - kEmailStuckAfter;
  const Instant given_up_since = now - kGivenUpWarnedFor;
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  const notify::SendingTrouble read = notify::ReadSendingTrouble(*tx, stuck_before, given_up_since);
  EmailTrouble out;
  out.failing = read.Any();
  out.waiting = read.waiting;
  out.waiting_since = read.waiting_since;
  out.given_up = read.given_up;
  out.last_error = WithoutAddresses(read.last_error);
  if (out.failing) out.message = MessageOf(out, ctx.time_zone);
  if (administrator) {
    out.emails.emplace();
    for (const auto& row : notify::ListTroubledEmails(*tx, stuck_before, given_up_since, kTroubledEmailsListed))
      out.emails->push_back({row.id, row.record_type, row.record_id, DomainOf(row.recipient), DeliveryOf(row),
                             row.next_attempt_at});
  }
  return out;
}

}  // namespace fd::app
