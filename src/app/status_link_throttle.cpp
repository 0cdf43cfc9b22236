#include "app/status_link_throttle.h"

#include <algorithm>

namespace fd::app {

bool StatusLinkThrottle::Allow(const std::string& address, Instant now, std::chrono::seconds& retry_after) {
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxAddresses) std::erase_if(windows_, [&](const auto& w) { return now - w.second.start >= kWindow; });
  // Still full of live windows: an address never seen before waits like one over its limit, rather
  // than the table growing (or a busy address losing its count).
  if (windows_.size() >= kMaxAddresses && !windows_.contains(address)) {
    retry_after = std::chrono::duration_cast<std::chrono::seconds>(kWindow);
    return false;
  }
  Window& w = windows_[address];
  if (w.looks == 0 || now - w.start >= kWindow) w = {now, 0};
  if (w.looks >= kLooksPerWindow) {
    retry_after = std::max(std::chrono::seconds{1}, std::chrono::duration_cast<std::chrono::seconds>(w.start + kWindow - now));
    return false;
  }
  ++w.looks;
  return true;
}

}  // namespace fd::app
