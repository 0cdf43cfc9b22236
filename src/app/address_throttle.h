// Limits how often one client address may do something that anyone may do without signing in: look
// up referrer status links (issue 12 point 3), send a request through the public portal. A status
// link is a bearer secret: without a limit, someone could try links by the million (256-bit links
// cannot be guessed anyway; the limit also stops a leaked link being scraped). A portal request
// makes a contact with a decision deadline (KCR-8) and an e-mail to an address the sender chose:
// without a limit, one script could bury the front door's queue and mail strangers in its name.
//
// Counted in the database (store/address_limit_records.h, migration 0032), a fixed window per limit
// and address, in the request's own write transaction: behind a load balancer every node counts the
// same uses, so the public gets the limit once, not once per node, and a restart forgets nothing. A
// refused request rolls its transaction back, so it writes nothing, its count included. A window's
// row is deleted once it has passed. The address is the request's (with `server.trust_proxy`, the
// client's as the proxy says, not the proxy's).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::app {

class AddressThrottle {
 public:
  // `name` keys the limit's counts in the database ("portal_requests"); `per_window` uses per address
  // in each `window` (at least 1).
  AddressThrottle(std::string name, int per_window, std::chrono::seconds window);

  struct Refusal {
    std::chrono::seconds retry_after;  // until the address's window ends (at least a second)
    // This node's first refusal of the address in its window: worth a log line, when the rest of a
    // flood is not. Kept in memory: a refusal writes nothing to the database.
    bool first = false;
  };

  // Counts one use by `address` in `tx`, a write transaction that commits or rolls back with the
  // request's own writes; nothing when the use is allowed. A refusal counts nothing: the caller rolls
  // `tx` back. Throws StoreFault.
  std::optional<Refusal> Count(store::Transaction& tx, const std::string& address, Instant now);
  // Whether the next use by `address` would be refused, counting nothing: a read transaction will do,
  // so a flood past the limit is turned away without queueing for the writers' lock.
  std::optional<Refusal> Check(store::Transaction& tx, const std::string& address, Instant now);

  const std::string& name() const { return name_; }
  int per_window() const { return per_window_; }
  std::chrono::seconds window() const { return window_; }

 private:
  // Whether this node has not yet logged a refusal of `address` in the window begun at `start`.
  bool FirstRefusal(const std::string& address, Instant start, Instant now);

  static constexpr std::size_t kMaxRemembered = 10'000;
  const std::string name_;
  const int per_window_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Instant> refusal_logged_;  // GUARDED_BY(mutex_) address → its window's start
};

}  // namespace fd::app
