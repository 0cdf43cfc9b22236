// A statutory timescale as the procedures write it: "immediately", "24 hours", "1 working day".
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace fd::calendar {

struct Timescale {
  enum class Kind { kImmediately, kHours, kWorkingDays };
  Kind kind = Kind::kImmediately;
  int count = 0;

  std::string ToString() const;  // "1 working day", "24 hours", "immediately"
  friend bool operator==(const Timescale&, const Timescale&) = default;
};

// Accepts "immediately", "N hour(s)", "N working day(s)" (N from 1 to 1000), any case, with
// surrounding spaces. Errors say what was expected.
std::expected<Timescale, std::string> ParseTimescale(std::string_view text);

}  // namespace fd::calendar
