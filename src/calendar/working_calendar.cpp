#include "calendar/working_calendar.h"

#include <date/tz.h>

#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "calendar/local_time.h"

namespace fd::calendar {
namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

constexpr int kSearchDays = 800;  // NextOpen looks this far ahead before deciding "never"

int SecondsOfDay(LocalTime local) {
  const auto day = std::chrono::floor<days>(local);
  return static_cast<int>((local - day).count());
}

Date DateOf(LocalTime local) { return Date{std::chrono::floor<days>(local)}; }

unsigned Weekday(Date date) { return std::chrono::weekday{sys_days{date}}.c_encoding(); }

Date NextDay(Date date) { return Date{sys_days{date} + days{1}}; }

}  // namespace

WorkingCalendar::WorkingCalendar(const std::string& zone, std::set<Date> bank_holidays, ClockPeriod office_hours)
    : zone_name_(zone), bank_holidays_(std::move(bank_holidays)), office_(office_hours) {
  try {
    zone_ = date::locate_zone(zone);
  } catch (const std::exception& e) {
    throw std::runtime_error("unknown time zone '" + zone + "': " + e.what());
  }
}

LocalTime WorkingCalendar::ToLocal(Instant instant) const {
  const auto local = zone_->to_local(date::sys_seconds{instant.time_since_epoch()});
  return LocalTime{local.time_since_epoch()};
}

std::expected<Instant, std::string> WorkingCalendar::FromLocal(LocalTime local) const {
  const date::local_seconds l{local.time_since_epoch()};
  const auto info = zone_->get_info(l);
  switch (info.result) {
    case date::local_info::nonexistent:
      return std::unexpected(fmt::format("{} does not exist in {}: the clocks go forward then",
                                         FormatLocalIso(Instant{local.time_since_epoch()}, "UTC").substr(0, 19),
                                         zone_name_));
    case date::local_info::ambiguous:  // the clocks went back: the first (summer time) occurrence
    case date::local_info::unique:
    default: return Instant{local.time_since_epoch() - info.first.offset};
  }
}

std::string WorkingCalendar::FormatLocal(Instant instant) const { return FormatLocalIso(instant, zone_name_); }

bool WorkingCalendar::IsBankHoliday(Date date) const { return bank_holidays_.contains(date); }

std::optional<Date> WorkingCalendar::HolidaysKnownUntil() const {
  if (bank_holidays_.empty()) return std::nullopt;
  return Date{bank_holidays_.rbegin()->year(), std::chrono::December, std::chrono::day{31}};
}

bool WorkingCalendar::PastKnownHolidays(Date date) const {
  const auto until = HolidaysKnownUntil();
  return !until || std::chrono::sys_days(date) > std::chrono::sys_days(*until);
}

bool WorkingCalendar::IsWorkingDay(Date date) const {
  const unsigned wd = Weekday(date);
  return wd != 0 && wd != 6 && !IsBankHoliday(date);
}

Date WorkingCalendar::NextWorkingDay(Date after) const {
  Date d = NextDay(after);
  while (!IsWorkingDay(d)) d = NextDay(d);
  return d;
}

// A wall-clock minute on a date as an instant; a minute inside a spring-forward gap is taken as
// the moment the clocks change, since that is when the period can first begin.
Instant WorkingCalendar::AtLocal(Date date, int minute) const {
  const LocalTime local = LocalTime{sys_days{date}.time_since_epoch()} + std::chrono::minutes{minute};
  if (auto exact = FromLocal(local)) return *exact;
  const auto info = zone_->get_info(date::local_seconds{local.time_since_epoch()});
  return Instant{info.second.begin.time_since_epoch()};
}

bool WorkingCalendar::IsWorkingTime(Instant at) const {
  const LocalTime local = ToLocal(at);
  const int sod = SecondsOfDay(local);
  return IsWorkingDay(DateOf(local)) && sod >= office_.start_minute * 60 && sod < office_.end_minute * 60;
}

Instant WorkingCalendar::Due(const Timescale& timescale, Instant from) const {
  switch (timescale.kind) {
    case Timescale::Kind::kImmediately: return from;
    case Timescale::Kind::kHours: return from + std::chrono::hours{timescale.count};  // CAL-4: elapsed time
    case Timescale::Kind::kWorkingDays: break;
  }
  // CAL-3: start S = T inside office hours on a working day, else the next start of office hours;
  // due at S's clock time on the Nth working day after S's date.
  const LocalTime local = ToLocal(from);
  Date start_date = DateOf(local);
  int start_second = SecondsOfDay(local);
  const int open = office_.start_minute * 60, close = office_.end_minute * 60;
  if (!IsWorkingDay(start_date) || start_second >= close) {
    start_date = NextWorkingDay(start_date);
    start_second = open;
  } else if (start_second < open) {
    start_second = open;
  }
  Date due_date = start_date;
  for (int i = 0; i < timescale.count; ++i) due_date = NextWorkingDay(due_date);
  const LocalTime due_local = LocalTime{sys_days{due_date}.time_since_epoch()} + seconds{start_second};
  if (auto due = FromLocal(due_local)) return *due;
  return AtLocal(due_date, start_second / 60);
}

bool WorkingCalendar::CountedWithoutBankHolidays(const Timescale& timescale, Instant due) const {
  // The count's days run from the start's date to the due date, so the due date is the last it read.
  return timescale.kind == Timescale::Kind::kWorkingDays && PastKnownHolidays(DateOf(ToLocal(due)));
}

std::vector<ClockPeriod> WorkingCalendar::PeriodsOn(const ServiceHours& service, Date date) const {
  if (service.open_from && sys_days{date} < sys_days{*service.open_from}) return {};
  if (service.open_until && sys_days{date} > sys_days{*service.open_until}) return {};
  if (IsBankHoliday(date)) {
    if (!service.bank_holiday_hours.empty()) return service.bank_holiday_hours;
    if (service.closed_on_bank_holidays) return {};
  }
  std::vector<ClockPeriod> periods;
  const unsigned wd = Weekday(date);
  for (const auto& w : service.weekly)
    if (w.weekday == wd) periods.push_back(w.period);
  std::sort(periods.begin(), periods.end(),
            [](const ClockPeriod& a, const ClockPeriod& b) { return a.start_minute < b.start_minute; });
  return periods;
}

bool WorkingCalendar::IsOpen(const ServiceHours& service, Instant at) const {
  const LocalTime local = ToLocal(at);
  const int sod = SecondsOfDay(local);
  for (const auto& p : PeriodsOn(service, DateOf(local)))
    if (sod >= p.start_minute * 60 && sod < p.end_minute * 60) return true;
  return false;
}

std::optional<Instant> WorkingCalendar::NextOpen(const ServiceHours& service, Instant at) const {
  if (IsOpen(service, at)) return at;
  Date date = DateOf(ToLocal(at));
  for (int i = 0; i < kSearchDays; ++i, date = NextDay(date)) {
    for (const auto& p : PeriodsOn(service, date)) {
      const Instant start = AtLocal(date, p.start_minute);
      if (start > at) return start;
    }
  }
  return std::nullopt;
}

std::expected<LocalTime, std::string> ParseLocalTime(std::string_view text) {
  const auto bad = [&] {
    return std::unexpected(fmt::format("time '{}' not understood: expected YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS",
                                       text));
  };
  if ((text.size() != 16 && text.size() != 19) || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || (text.size() == 19 && text[16] != ':'))
    return bad();
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    for (std::size_t i = pos; i < pos + len; ++i)
      if (text[i] < '0' || text[i] > '9') return false;
    return std::from_chars(text.data() + pos, text.data() + pos + len, out).ec == std::errc{};
  };
  int y, mo, d, h, mi, s = 0;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      (text.size() == 19 && !num(17, 2, s)))
    return bad();
  const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return bad();
  return LocalTime{sys_days{date}.time_since_epoch()} + std::chrono::hours{h} + std::chrono::minutes{mi} + seconds{s};
}

}  // namespace fd::calendar
