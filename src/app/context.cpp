#include "app/context.h"

namespace fd::app {

Instant SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

ShiftedClock::ShiftedClock(Instant start) : shift_(start - SystemClock().Now()) {}

Instant ShiftedClock::Now() const { return SystemClock().Now() + shift_; }

}  // namespace fd::app
