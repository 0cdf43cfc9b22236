// The working calendar (CAL-1…CAL-5): local time in the authority's zone, working days without
// bank holidays, office hours, service opening hours, and due times for timescales.
//
// Pure: built from data (zone name, bank-holiday dates, hours); no file or clock access. Thread
// safe once built (all methods are const).
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calendar/timescale.h"
#include "domain/instant.h"

namespace date {
class time_zone;
}

namespace fd::calendar {

using LocalTime = std::chrono::local_seconds;
using Date = std::chrono::year_month_day;

// Minutes after local midnight, 0…1440 (1440 = the end of the day).
struct ClockPeriod {
  int start_minute = 0;
  int end_minute = 0;  // exclusive
};

struct WeeklyPeriod {
  unsigned weekday = 1;  // 0 Sunday … 6 Saturday (std::chrono::weekday::c_encoding)
  ClockPeriod period;
};

struct ServiceHours {
  std::string id;
  std::string name;
  std::vector<WeeklyPeriod> weekly;
  bool closed_on_bank_holidays = true;
  // Used instead of the weekly hours on a bank holiday, when given (e.g. police JCPIT 08:00–17:00).
  std::vector<ClockPeriod> bank_holiday_hours;
  std::optional<Date> open_from;   // first day the service runs (e.g. the hub from 30 April 2018)
  std::optional<Date> open_until;  // last day, when superseded
};

class WorkingCalendar {
 public:
  // `zone` is an IANA name ("Europe/London"); throws std::runtime_error if the system tz database
  // does not know it (a configuration fault, found at start).
  WorkingCalendar(const std::string& zone, std::set<Date> bank_holidays, ClockPeriod office_hours = {9 * 60, 17 * 60});

  const std::string& zone_name() const { return zone_name_; }
  ClockPeriod office_hours() const { return office_; }

  // CAL-1
  LocalTime ToLocal(Instant instant) const;
  // A local wall-clock time → the instant. A time skipped when the clocks go forward is an error;
  // a time that happens twice when they go back means the first (summer time) one.
  std::expected<Instant, std::string> FromLocal(LocalTime local) const;
  std::string FormatLocal(Instant instant) const;  // 2026-12-29T10:00:00+00:00

  // CAL-2
  bool IsBankHoliday(Date date) const;
  // The last day the bank-holiday list speaks for: 31 December of the last year it holds a holiday
  // in (GOV.UK publishes whole years). Past it, a day is counted as working although it may be a
  // holiday nobody has listed yet; nullopt when the list is empty.
  std::optional<Date> HolidaysKnownUntil() const;
  // True when `date` is past HolidaysKnownUntil() (or the list is empty).
  bool PastKnownHolidays(Date date) const;
  bool IsWorkingDay(Date date) const;
  // CAL-3 / CAL-4: when an obligation arising at `from` is due.
  Instant Due(const Timescale& timescale, Instant from) const;
  // CAL-2, CAL-3: whether `due`, a due time of `timescale` this calendar counted, was counted past
  // the bank-holiday list: a working-days count whose last day is after HolidaysKnownUntil() took
  // the days beyond it as working days, though some may be holidays nobody has listed yet. Hours and
  // "immediately" count no bank holidays, so are never flagged.
  bool CountedWithoutBankHolidays(const Timescale& timescale, Instant due) const;
  // True when `at` is a working day within office hours.
  bool IsWorkingTime(Instant at) const;

  // CAL-5
  bool IsOpen(const ServiceHours& service, Instant at) const;
  // `at` itself when open, else the start of the next opening period; nullopt if never again
  // (the service has closed for good).
  std::optional<Instant> NextOpen(const ServiceHours& service, Instant at) const;

 private:
  std::vector<ClockPeriod> PeriodsOn(const ServiceHours& service, Date date) const;
  Instant AtLocal(Date date, int minute) const;
  Date NextWorkingDay(Date after) const;

  std::string zone_name_;
  const date::time_zone* zone_;
  std::set<Date> bank_holidays_;
  ClockPeriod office_;
};

// Parses "YYYY-MM-DDTHH:MM[:SS]" as a local wall-clock time.
std::expected<LocalTime, std::string> ParseLocalTime(std::string_view text);

}  // namespace fd::calendar
