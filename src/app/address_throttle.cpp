#include "app/address_throttle.h"

#include <algorithm>

namespace fd::app {

AddressThrottle::AddressThrottle(int per_window, std::chrono::seconds window)
    : per_window_(std::max(1, per_window)), window_(std::max(std::chrono::seconds{1}, window)) {}

bool AddressThrottle::Allow(const std::string& address, Instant now, std::chrono::seconds& retry_after,
                            bool* first_refusal) {
  std::lock_guard lock(mutex_);
  if (first_refusal) *first_refusal = false;
  if (windows_.size() >= kMaxAddresses) std::erase_if(windows_, [&](const auto& w) { return now - w.second.start >= window_; });
  // Still full of live windows: an address never seen before waits like one over its limit, rather
  // than the table growing (or a busy address losing its count).
  if (windows_.size() >= kMaxAddresses && !windows_.contains(address)) {
    retry_after = window_;
    return false;
  }
  Window& w = windows_[address];
  if (w.uses == 0 || now - w.start >= window_) w = {now, 0, 0};
  if (w.uses >= per_window_) {
    if (first_refusal) *first_refusal = w.refused == 0;
    ++w.refused;
    retry_after = std::max(std::chrono::seconds{1}, std::chrono::duration_cast<std::chrono::seconds>(w.start + window_ - now));
    return false;
  }
  ++w.uses;
  return true;
}

}  // namespace fd::app
