#include "calendar/working_day_index.h"

#include <date/tz.h>

namespace fd::calendar {
namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

constexpr std::int64_t kDay = 86400;

std::int64_t SecondsOf(Instant at) { return at.time_since_epoch().count(); }

}  // namespace

WorkingDayIndex::WorkingDayIndex(const WorkingCalendar& calendar, Date first, Date last)
    : calendar_(calendar), first_(sys_days{first}) {
  const date::time_zone* zone = date::locate_zone(calendar.zone_name());
  const auto count = static_cast<std::size_t>((sys_days{last} - first_).count() + 1);
  days_.resize(count + 1);
  // Each day starts at its local midnight; where midnight does not exist (the clocks skip it), at
  // the moment they change, as the calendar's own local dates do.
  for (std::size_t i = 0; i <= count; ++i) {
    const sys_days day = first_ + days{static_cast<int>(i)};
    const date::local_seconds midnight{day.time_since_epoch()};
    const auto info = zone->get_info(midnight);
    const auto start = info.result == date::local_info::nonexistent ? info.second.begin
                                                                     : date::sys_seconds{midnight.time_since_epoch() - info.first.offset};
    days_[i].start = start.time_since_epoch().count();
    days_[i].working = i < count && calendar.IsWorkingDay(Date{day});
    days_[i].plain = info.result == date::local_info::unique;
  }
  // A day is plain when its midnight is unique and one UTC offset covers all 24 hours of it.
  for (std::size_t i = 0; i < count; ++i) {
    const auto offset_period = zone->get_info(date::sys_seconds{seconds{days_[i].start}});
    const std::int64_t period_end = offset_period.end.time_since_epoch().count();
    days_[i].plain = days_[i].plain && days_[i + 1].start - days_[i].start == kDay && period_end >= days_[i + 1].start;
  }
  days_[count].plain = false;
  std::int32_t next = -1;
  for (std::size_t i = count; i-- > 0;) {
    days_[i].next_working = next;
    if (days_[i].working) next = static_cast<std::int32_t>(i);
  }
  open_second_ = calendar.office_hours().start_minute * 60;
  close_second_ = calendar.office_hours().end_minute * 60;
}

std::optional<std::size_t> WorkingDayIndex::PlainDayOf(std::int64_t at) const {
  const std::size_t count = days_.size() - 1;
  if (at < days_.front().start || at >= days_.back().start) return std::nullopt;
  // Days are 24 hours but for the clock changes: the guess is at most one day out.
  std::int64_t guess = (at - days_.front().start) / kDay;
  std::size_t i = static_cast<std::size_t>(std::min<std::int64_t>(guess, static_cast<std::int64_t>(count) - 1));
  while (i + 1 < count && at >= days_[i + 1].start) ++i;
  while (i > 0 && at < days_[i].start) --i;
  if (!days_[i].plain) return std::nullopt;
  return i;
}

Date WorkingDayIndex::LocalDate(Instant at) const {
  if (const auto i = PlainDayOf(SecondsOf(at)))
    return Date{first_ + days{static_cast<int>(*i)}};
  return Date{std::chrono::floor<days>(calendar_.ToLocal(at))};
}

Instant WorkingDayIndex::DueInWorkingDays(int n, Instant from) const {
  const auto asked = [&] { return calendar_.Due({Timescale::Kind::kWorkingDays, n}, from); };
  const std::int64_t at = SecondsOf(from);
  const auto day = PlainDayOf(at);
  if (!day || n < 0) return asked();
  // As WorkingCalendar::Due (CAL-3): from the next start of office hours when outside them, then
  // the same clock time on the nth working day after.
  std::int64_t second = at - days_[*day].start;
  std::int32_t due = static_cast<std::int32_t>(*day);
  if (!days_[*day].working || second >= close_second_) {
    due = days_[*day].next_working;
    second = open_second_;
  } else if (second < open_second_) {
    second = open_second_;
  }
  for (int i = 0; i < n && due >= 0; ++i) due = days_[static_cast<std::size_t>(due)].next_working;
  if (due < 0 || !days_[static_cast<std::size_t>(due)].plain) return asked();
  return Instant{seconds{days_[static_cast<std::size_t>(due)].start + second}};
}

}  // namespace fd::calendar
