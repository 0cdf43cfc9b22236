// The network addresses refused sign-in for too many failures (app/accounts.h: 20 within 15
// minutes), seen and lifted by an administrator. Behind one office's NAT every worker shares an
// address: twenty typos there refuse the whole office until the oldest is 15 minutes old. The
// administrator sees which addresses are refused, and lifts one, saying why (audited).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "domain/instant.h"

namespace fd::app {

struct ThrottledAddress {
  std::string address;
  std::int64_t failures = 0;  // within the window
  Instant until;              // refused until then, unless lifted
};

// The addresses refused now, most failures first. Errors: kForbidden for anyone but an administrator.
Result<std::vector<ThrottledAddress>> ListThrottledAddresses(AppContext& ctx, const Actor& actor);

// Lifts the refusal of `address`: its failed sign-ins no longer count against it (they still count
// against their usernames and browsers, so a guesser behind it is still locked out of each account).
// `by` nullopt: the CLI acting as the system. Errors: kForbidden; kInvalid ("address": none given;
// "reason": none given, or over 500 characters); kNotFound when the address is not refused now.
// Audits login.throttle_lifted (address, reason, failures forgotten). Returns how many failures it had
// within the window.
Result<std::int64_t> LiftAddressThrottle(AppContext& ctx, const std::optional<Actor>& by,
                                         const std::string& address, const std::string& reason);

}  // namespace fd::app
