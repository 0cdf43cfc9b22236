// Limits how often one client address may look up referrer status links (issue 12 point 3). A
// status link is a bearer secret: without a limit, someone could try links by the million. 256-bit
// links cannot be guessed anyway; the limit also stops a leaked link being scraped, and keeps an
// unauthenticated page from being a cheap way to load the database.
//
// Per node and in memory: a fixed window per address, with the table bounded so that addresses
// from everywhere cannot grow it without end. Behind a load balancer each node counts its own
// share, so the real limit is at most nodes × the limit (docs/security.md).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/instant.h"

namespace fd::app {

class StatusLinkThrottle {
 public:
  static constexpr int kLooksPerWindow = 30;
  static constexpr std::chrono::minutes kWindow{10};
  static constexpr std::size_t kMaxAddresses = 100'000;

  // Counts one look from `address` and says whether it is allowed; when not, `retry_after` is how
  // long until the address's window ends.
  bool Allow(const std::string& address, Instant now, std::chrono::seconds& retry_after);

 private:
  struct Window {
    Instant start;
    int looks = 0;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace fd::app
