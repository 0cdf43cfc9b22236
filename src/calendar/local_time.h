// Local time in the authority's zone (CAL-1): every instant is stored in UTC and shown in local time.
#pragma once

#include <string>
#include <string_view>

#include "domain/instant.h"

namespace fd::calendar {

// "24 November 2026 at 9:30am" style, as GOV.UK writes dates and times, in `zone`.
std::string FormatLocalForPeople(Instant instant, std::string_view zone = "Europe/London");
// "24 November 2026": the local date alone, as GOV.UK writes dates, in `zone`.
std::string FormatLocalDateForPeople(Instant instant, std::string_view zone = "Europe/London");
// "2026-11-24T09:30:00+00:00": ISO 8601 local time with seconds and offset.
std::string FormatLocalIso(Instant instant, std::string_view zone = "Europe/London");
// The local calendar date of `instant` in `zone`.
std::chrono::year_month_day LocalDate(Instant instant, std::string_view zone = "Europe/London");

}  // namespace fd::calendar
