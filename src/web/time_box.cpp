#include "web/time_box.h"

#include <cctype>

#include <fmt/format.h>

#include "domain/text.h"

namespace fd::web {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<std::string> TimeOfDay(std::string_view typed) {
  std::string t;
  for (char c : Trim(typed))
    if (c != ' ') t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // "am"/"pm" last: the 12-hour clock, as many people write it.
  std::optional<bool> pm;
  if (t.size() > 2 && (t.ends_with("am") || t.ends_with("pm"))) {
    pm = t.ends_with("pm");
    t.resize(t.size() - 2);
  }
  std::string hours = t, minutes = "00";
  if (const auto sep = t.find_first_of(":."); sep != std::string::npos) {
    hours = t.substr(0, sep);
    minutes = t.substr(sep + 1);
  } else if (t.size() == 4 && !pm) {  // "1430"
    hours = t.substr(0, 2);
    minutes = t.substr(2);
  }
  if (!AllDigits(hours) || !AllDigits(minutes) || hours.size() > 2 || minutes.size() != 2) return std::nullopt;
  int h = std::stoi(hours);
  const int m = std::stoi(minutes);
  if (m > 59) return std::nullopt;
  if (pm) {
    if (h < 1 || h > 12) return std::nullopt;
    h = h % 12 + (*pm ? 12 : 0);
  } else if (h > 23) {
    return std::nullopt;
  }
  return fmt::format("{:02}:{:02}", h, m);
}

std::optional<std::string> TimeFault(std::string_view what, std::string_view typed) {
  if (Trim(typed).empty()) return fmt::format("Enter the time {}, for example 14:30", what);
  if (!TimeOfDay(typed)) return fmt::format("Enter the time {} as a real time, for example 14:30 or 2:30pm", what);
  return std::nullopt;
}

std::string LocalDateTime(const DateBoxes& date, std::string_view time) {
  if (date.Empty() && Trim(time).empty()) return "";
  const auto at = TimeOfDay(time);
  return fmt::format("{}T{}", IsoDate(date), at.value_or("not a time"));
}

}  // namespace fd::web
