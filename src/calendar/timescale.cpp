#include "calendar/timescale.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace fd::calendar {

std::string Timescale::ToString() const {
  switch (kind) {
    case Kind::kImmediately: return "immediately";
    case Kind::kHours: return fmt::format("{} hour{}", count, count == 1 ? "" : "s");
    case Kind::kWorkingDays: return fmt::format("{} working day{}", count, count == 1 ? "" : "s");
  }
  return "immediately";
}

std::expected<Timescale, std::string> ParseTimescale(std::string_view text) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  const auto error = [&] {
    return std::unexpected(fmt::format(
        "timescale '{}' not understood: expected \"immediately\", \"N hours\" or \"N working days\"", text));
  };
  if (s == "immediately") return Timescale{Timescale::Kind::kImmediately, 0};
  const auto space = s.find(' ');
  if (space == std::string::npos) return error();
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + space, n);
  if (ec != std::errc{} || end != s.data() + space || n < 1 || n > 1000) return error();
  std::string unit = s.substr(space + 1);
  while (unit.starts_with(" ")) unit.erase(0, 1);
  if (unit == "hour" || unit == "hours") return Timescale{Timescale::Kind::kHours, n};
  if (unit == "working day" || unit == "working days") return Timescale{Timescale::Kind::kWorkingDays, n};
  return error();
}

}  // namespace fd::calendar
