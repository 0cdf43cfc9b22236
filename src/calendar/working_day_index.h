// Due times in working days and local dates for many instants at once (the dashboard judges a
// year's contacts against "1 working day"): a table of the local days from `first` to `last`, built
// once from a WorkingCalendar, so each answer is a few array reads instead of time-zone and
// bank-holiday lookups.
//
// It answers exactly as the calendar does: a day is in the table's fast path only when the clocks
// do not change during it (its UTC offset holds from its first to its last second), and anything
// else — a day the clocks change, an instant outside the table, a due date past its end — is asked
// of the calendar itself. A test compares both on every day from 2018 to 2028.
//
// Pure and thread safe once built. It refers to `calendar`, which must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "calendar/working_calendar.h"

namespace fd::calendar {

class WorkingDayIndex {
 public:
  // REQUIRES: first <= last.
  WorkingDayIndex(const WorkingCalendar& calendar, Date first, Date last);

  // The local calendar date of `at` (CAL-1), as floor<days>(calendar.ToLocal(at)).
  Date LocalDate(Instant at) const;
  // calendar.Due({Timescale::Kind::kWorkingDays, n}, from) (CAL-3).
  Instant DueInWorkingDays(int n, Instant from) const;

 private:
  struct Day {
    std::int64_t start = 0;   // the day's first second, UTC seconds since the epoch
    std::int32_t next_working = -1;  // the table index of the next working day after it; -1 past the end
    bool working = false;
    bool plain = false;       // the UTC offset is the same all day (the clocks do not change)
  };
  // The table index of the plain day holding `at`, or nullopt (outside the table, or not plain).
  std::optional<std::size_t> PlainDayOf(std::int64_t at) const;

  const WorkingCalendar& calendar_;
  std::chrono::sys_days first_;
  std::vector<Day> days_;  // one per day from first to last, then the day after last (its start only)
  int open_second_ = 0;
  int close_second_ = 0;
};

}  // namespace fd::calendar
