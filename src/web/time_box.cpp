#include "web/time_box.h"

#include <cctype>

#include <fmt/format.h>

#include "domain/text.h"
#include "web/page_kit.h"

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

DateTimeBoxes ReadDateTimeBoxes(const std::multimap<std::string, std::string>& fields, const std::string& name,
                                const DateTimeWords& words) {
  DateTimeBoxes b;
  b.date = ReadDateBoxes(fields, name);
  b.time = Trim(FormValue(fields, (name + "-time").c_str()));
  if (b.date.Empty() && b.time.empty()) {
    b.message = words.nothing_typed;
    b.day = b.month = b.year = b.clock = true;
  } else if (b.date.Empty()) {
    b.message = words.no_date;
    b.day = b.month = b.year = true;
  } else if (auto fault = DateBoxesFault(words.the_date, b.date)) {
    const bool unreal = fault->ends_with("real date");
    b.message = *fault;
    b.day = b.date.day.empty() || unreal;
    b.month = b.date.month.empty() || unreal;
    b.year = b.date.year.empty() || unreal || fault->starts_with("Year");
  } else if (auto wrong = TimeFault(words.time_what, b.time)) {
    b.message = *wrong;
    b.clock = true;
  }
  return b;
}

void SayForDateTimeBoxes(std::vector<FieldError>& errors, const std::string& field, const DateTimeBoxes& typed) {
  if (typed.message.empty()) return;
  for (auto& e : errors)
    if (e.field == field) e.message = typed.message;
}

Data DateTimeFieldData(const std::string& name, const std::string& legend, const std::string& hint,
                       const DateTimeBoxes& value, const std::optional<std::string>& error) {
  Data d = Object();
  d.set("name", name);
  d.set("legend", legend);
  d.set("legend_bold", false);  // a caller sets it; never taken from the page around the partial
  d.set("hint", hint);
  d.set("day", value.date.day);
  d.set("month", value.date.month);
  d.set("year", value.date.year);
  d.set("time", value.time);
  d.set("error", error.has_value());
  d.set("error_message", error.value_or(""));
  const bool whole = value.message.empty();
  d.set("day_error", error && (whole || value.day));
  d.set("month_error", error && (whole || value.month));
  d.set("year_error", error && (whole || value.year));
  d.set("time_error", error && (whole || value.clock));
  return d;
}

}  // namespace fd::web
