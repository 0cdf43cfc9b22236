// The England and Wales calendar as the packs use it, and helpers to write local times in tests.
#pragma once

#include <gtest/gtest.h>

#include "calendar/bank_holidays.h"
#include "calendar/working_calendar.h"

namespace fd::calendar {

inline WorkingCalendar EnglandCalendar() {
  auto holidays = LoadBankHolidays(std::string(FD_SOURCE_DIR) + "/policies/bank-holidays/england-and-wales.json",
                                   "england-and-wales");
  EXPECT_TRUE(holidays.has_value());
  return WorkingCalendar("Europe/London", holidays.value_or(std::set<Date>{}));
}

// "2026-12-24T16:30" in London → instant.
inline Instant London(const WorkingCalendar& cal, const std::string& local) {
  auto parsed = ParseLocalTime(local);
  EXPECT_TRUE(parsed.has_value()) << local;
  auto instant = cal.FromLocal(*parsed);
  EXPECT_TRUE(instant.has_value()) << local;
  return *instant;
}

inline WeeklyPeriod Weekly(unsigned day, int start_h, int end_h, int end_m = 0) {
  return {day, {start_h * 60, end_h * 60 + end_m}};
}

}  // namespace fd::calendar
