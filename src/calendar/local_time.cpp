#include "calendar/local_time.h"

#include <date/tz.h>

#include <fmt/format.h>

#include "domain/contact.h"

namespace fd::calendar {
namespace {

date::local_seconds ToLocal(Instant instant, std::string_view zone) {
  const auto* tz = date::locate_zone(std::string(zone));
  return tz->to_local(date::sys_seconds{instant.time_since_epoch()});
}

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::string FormatLocalForPeople(Instant instant, std::string_view zone) {
  const auto local = ToLocal(instant, zone);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{local - day};
  const int hour = static_cast<int>(hms.hours().count());
  const int minute = static_cast<int>(hms.minutes().count());
  const int h12 = hour % 12 == 0 ? 12 : hour % 12;
  const char* ampm = hour < 12 ? "am" : "pm";
  return fmt::format("{} {} {} at {}:{:02}{}", static_cast<unsigned>(ymd.day()),
                     kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()), h12, minute,
                     ampm);
}

std::string FormatLocalDateForPeople(Instant instant, std::string_view zone) {
  const date::year_month_day ymd{date::floor<date::days>(ToLocal(instant, zone))};
  return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()));
}

std::string FormatDateForPeople(std::chrono::year_month_day date) {
  return fmt::format("{} {} {}", static_cast<unsigned>(date.day()), kMonths[static_cast<unsigned>(date.month()) - 1],
                     static_cast<int>(date.year()));
}

std::string IsoTextForPeople(std::string_view iso, std::string_view zone) {
  if (iso.size() == 10)
    if (const auto date = ParseIsoDate(iso)) return FormatDateForPeople(*date);
  if (const auto at = ParseUtc(iso)) return FormatLocalForPeople(*at, zone);
  return std::string(iso);
}

std::string FormatLocalIso(Instant instant, std::string_view zone) {
  const auto* tz = date::locate_zone(std::string(zone));
  const auto info = tz->get_info(date::sys_seconds{instant.time_since_epoch()});
  const auto local = date::local_seconds{instant.time_since_epoch()} + info.offset;
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{local - day};
  const auto offset_min = static_cast<int>(info.offset.count() / 60);
  const char sign = offset_min < 0 ? '-' : '+';
  const int abs_min = offset_min < 0 ? -offset_min : offset_min;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), sign, abs_min / 60, abs_min % 60);
}

std::chrono::year_month_day LocalDate(Instant instant, std::string_view zone) {
  const auto local = ToLocal(instant, zone);
  const date::year_month_day ymd{date::floor<date::days>(local)};
  return std::chrono::year_month_day{std::chrono::year{static_cast<int>(ymd.year())},
                                     std::chrono::month{static_cast<unsigned>(ymd.month())},
                                     std::chrono::day{static_cast<unsigned>(ymd.day())}};
}

Instant StartOfLocalDay(std::chrono::year_month_day on, std::string_view zone) {
  const auto* tz = date::locate_zone(std::string(zone));
  const date::local_days day{date::year_month_day{date::year{static_cast<int>(on.year())},
                                                  date::month{static_cast<unsigned>(on.month())},
                                                  date::day{static_cast<unsigned>(on.day())}}};
  return Instant{tz->to_sys(date::local_seconds{day}, date::choose::earliest).time_since_epoch()};
}

}  // namespace fd::calendar
