#include "app/address_throttle.h"

#include <algorithm>
#include <utility>

#include "store/address_limit_records.h"

namespace fd::app {

AddressThrottle::AddressThrottle(std::string name, int per_window, std::chrono::seconds window)
    : name_(std::move(name)), per_window_(std::max(1, per_window)), window_(std::max(std::chrono::seconds{1}, window)) {}

std::optional<AddressThrottle::Refusal> AddressThrottle::Count(store::Transaction& tx, const std::string& address,
                                                               Instant now) {
  auto uses = store::FindAddressUses(tx, name_, address);
  if (!uses || uses->uses == 0 || now - uses->window_start >= window_) {
    // A new window for this address: the moment to drop every window of this limit that has passed,
    // so an address is kept no longer than its window.
    store::DeletePassedAddressWindows(tx, name_, now - window_);
    store::SetAddressUses(tx, name_, address, {now, 1});
    return std::nullopt;
  }
  if (uses->uses >= per_window_)
    return Refusal{std::max(std::chrono::seconds{1},
                            std::chrono::duration_cast<std::chrono::seconds>(uses->window_start + window_ - now)),
                   FirstRefusal(address, uses->window_start, now)};
  store::SetAddressUses(tx, name_, address, {uses->window_start, uses->uses + 1});
  return std::nullopt;
}

std::optional<AddressThrottle::Refusal> AddressThrottle::Check(store::Transaction& tx, const std::string& address,
                                                               Instant now) {
  auto uses = store::FindAddressUses(tx, name_, address);
  if (!uses || uses->uses < per_window_ || now - uses->window_start >= window_) return std::nullopt;
  return Refusal{std::max(std::chrono::seconds{1},
                          std::chrono::duration_cast<std::chrono::seconds>(uses->window_start + window_ - now)),
                 FirstRefusal(address, uses->window_start, now)};
}

bool AddressThrottle::FirstRefusal(const std::string& address, Instant start, Instant now) {
  std::lock_guard lock(mutex_);
  if (refusal_logged_.size() >= kMaxRemembered)
    std::erase_if(refusal_logged_, [&](const auto& seen) { return now - seen.second >= window_; });
  auto it = refusal_logged_.find(address);
  if (it != refusal_logged_.end() && it->second == start) return false;
  // Full of live windows (a flood from everywhere): log them all rather than grow without end.
  if (refusal_logged_.size() < kMaxRemembered || it != refusal_logged_.end()) refusal_logged_[address] = start;
  return true;
}

}  // namespace fd::app
