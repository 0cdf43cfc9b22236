// Limits how often one client address may do something that anyone may do without signing in: look
// up referrer status links (issue 12 point 3), send a request through the public portal. A status
// link is a bearer secret: without a limit, someone could try links by the million (256-bit links
// cannot be guessed anyway; the limit also stops a leaked link being scraped). A portal request
// makes a contact with a decision deadline (KCR-8) and an e-mail to an address the sender chose:
// without a limit, one script could bury the front door's queue and mail strangers in its name.
//
// Per node and in memory: a fixed window per address, with the table bounded so that addresses
// from everywhere cannot grow it without end. Behind a load balancer each node counts its own
// share, so the real limit is at most nodes × the limit (docs/security.md). The address is the
// request's (with `server.trust_proxy`, the client's as the proxy says, not the proxy's).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/instant.h"

namespace fd::app {

class AddressThrottle {
 public:
  static constexpr std::size_t kMaxAddresses = 100'000;

  // `per_window` uses per address in each `window` (at least 1).
  AddressThrottle(int per_window, std::chrono::seconds window);

  // Counts one use by `address` and says whether it is allowed; when not, `retry_after` is how long
  // until the address's window ends (at least a second), and `first_refusal` (when given) says
  // whether this is the address's first refusal in its window: worth a log line, when the rest of a
  // flood is not.
  bool Allow(const std::string& address, Instant now, std::chrono::seconds& retry_after,
             bool* first_refusal = nullptr);

  int per_window() const { return per_window_; }
  std::chrono::seconds window() const { return window_; }

 private:
  struct Window {
    Instant start;
    int uses = 0;
    int refused = 0;
  };
  const int per_window_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace fd::app
