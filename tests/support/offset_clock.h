// The real time plus an offset a test can move forward: the running service then sees sessions
// expire and lock-outs end without the test sleeping. With no offset it is the system clock.
#pragma once

#include <atomic>
#include <chrono>

#include "app/context.h"

namespace fd::testing {

class OffsetClock final : public app::Clock {
 public:
  Instant Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
           std::chrono::seconds(offset_seconds_.load());
  }
  void Advance(std::chrono::seconds by) { offset_seconds_ += by.count(); }

 private:
  std::atomic<std::int64_t> offset_seconds_{0};
};

}  // namespace fd::testing
