#include "calendar/hours_text.h"

#include <array>
#include <vector>

#include <fmt/format.h>

namespace fd::calendar {
namespace {

constexpr std::array<const char*, 7> kDayNames{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                               "Saturday"};

// Monday first, as people read a week.
constexpr std::array<unsigned, 7> kWeekOrder{1, 2, 3, 4, 5, 6, 0};

std::string Periods(const std::vector<ClockPeriod>& periods) {
  std::string out;
  for (std::size_t i = 0; i < periods.size(); ++i)
    out += (i == 0 ? "" : " and ") + ClockTimeForPeople(periods[i].start_minute) + " to " +
           ClockTimeForPeople(periods[i].end_minute);
  return out;
}

bool Same(const std::vector<ClockPeriod>& a, const std::vector<ClockPeriod>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].start_minute != b[i].start_minute || a[i].end_minute != b[i].end_minute) return false;
  return true;
}

}  // namespace

std::string ClockTimeForPeople(int minute_of_day) {
  const int hour = minute_of_day / 60 % 24, minute = minute_of_day % 60;
  if (hour == 12 && minute == 0) return "midday";
  if (minute_of_day == 24 * 60 || (hour == 0 && minute == 0)) return "midnight";
  const int twelve = hour % 12 == 0 ? 12 : hour % 12;
  const char* half = hour < 12 ? "am" : "pm";
  return minute == 0 ? fmt::format("{}{}", twelve, half) : fmt::format("{}:{:02}{}", twelve, minute, half);
}

std::string DescribeHours(const ServiceHours& service) {
  std::array<std::vector<ClockPeriod>, 7> by_day;
  for (const auto& w : service.weekly)
    if (w.weekday < 7) by_day[w.weekday].push_back(w.period);
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < kWeekOrder.size();) {
    const auto& hours = by_day[kWeekOrder[i]];
    std::size_t j = i + 1;
    while (j < kWeekOrder.size() && Same(by_day[kWeekOrder[j]], hours)) ++j;
    if (!hours.empty()) {
      const std::string days = j - i == 1 ? kDayNames[kWeekOrder[i]]
                                          : fmt::format("{} to {}", kDayNames[kWeekOrder[i]], kDayNames[kWeekOrder[j - 1]]);
      parts.push_back(days + ", " + Periods(hours));
    }
    i = j;
  }
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : "; ") + parts[i];
  if (text.empty()) text = "No regular hours";
  if (!service.bank_holiday_hours.empty()) text += "; bank holidays, " + Periods(service.bank_holiday_hours);
  else if (service.closed_on_bank_holidays) text += "; closed on bank holidays";
  return text;
}

}  // namespace fd::calendar
