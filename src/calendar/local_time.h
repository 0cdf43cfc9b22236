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
// "3 April 2016": a calendar date (a date of birth, a day an address began), as GOV.UK writes dates.
std::string FormatDateForPeople(std::chrono::year_month_day date);
// A date or time kept as ISO text, for a page: "2016-04-03" → "3 April 2016", a UTC time
// ("2026-11-27T14:30:00Z") → FormatLocalForPeople in `zone`. Empty stays empty; text that is neither
// is shown as it is (it was typed so).
std::string IsoTextForPeople(std::string_view iso, std::string_view zone = "Europe/London");
// "2026-11-24T09:30:00+00:00": ISO 8601 local time with seconds and offset.
std::string FormatLocalIso(Instant instant, std::string_view zone = "Europe/London");
// The local calendar date of `instant` in `zone`.
std::chrono::year_month_day LocalDate(Instant instant, std::string_view zone = "Europe/London");
// The first instant of local day `date` in `zone` (its midnight; the earliest, should a clock change
// ever fall at midnight): where a range of local days begins.
Instant StartOfLocalDay(std::chrono::year_month_day date, std::string_view zone = "Europe/London");

}  // namespace fd::calendar
