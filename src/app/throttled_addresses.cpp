#include "app/throttled_addresses.h"

#include <fmt/format.h>

#include "app/accounts.h"
#include "audit/audit_log.h"
#include "domain/text.h"
#include "store/security_records.h"

namespace fd::app {
namespace {

// When the address's refusal ends: the kAddressFailureLimit-th most recent failure leaves the window
// then (app/accounts.cpp refuses it until the same time).
Instant RefusedUntil(store::Transaction& tx, const std::string& address, Instant now) {
  const Instant since = now - kFailureWindow;
  return store::NthRecentFailureFromAddress(tx, address, since, kAddressFailureLimit).value_or(now) +
         kFailureWindow;
}

}  // namespace

Result<std::vector<ThrottledAddress>> ListThrottledAddresses(AppContext& ctx, const Actor& actor) {
  if (actor.role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can see the addresses refused sign-in"));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<ThrottledAddress> out;
  for (const auto& a : store::AddressesWithFailures(*tx, now - kFailureWindow, kAddressFailureLimit))
    out.push_back({a.address, a.failures, RefusedUntil(*tx, a.address, now)});
  return out;
}

Result<std::int64_t> LiftAddressThrottle(AppContext& ctx, const std::optional<Actor>& by,
                                         const std::string& typed, const std::string& typed_reason) {
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can lift a refusal of an address"));
  const std::string address = Trim(typed);
  const std::string reason = Trim(typed_reason);
  std::vector<FieldError> errors;
  if (address.empty()) errors.push_back({"address", "Enter the address to lift the refusal of"});
  // Lifting lets guesses through again: the log says who let them, and why.
  if (reason.empty())
    errors.push_back({"reason", "Say why the refusal is lifted (who asked, what happened)"});
  else if (reason.size() > 500)
    errors.push_back({"reason", "Say why in 500 characters or fewer"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  const std::int64_t failures = store::CountFailuresFromAddress(*tx, address, now - kFailureWindow);
  if (failures < kAddressFailureLimit)
    return std::unexpected(Error::NotFound(
        fmt::format("The address {} is not refused sign-in now: there is nothing to lift", address)));
  const Instant until = RefusedUntil(*tx, address, now);
  store::ForgetAddressOfFailures(*tx, address);
  audit::Append(
      *tx, {now,
            by ? std::optional(by->user_id) : std::nullopt,
            by ? by->username : "system",
            "login.throttle_lifted",
            "address",
            address,
            {{"address", address}, {"reason", reason}, {"failures", failures}, {"until", FormatUtc(until)}}});
  tx->Commit();
  return failures;
}

}  // namespace fd::app
