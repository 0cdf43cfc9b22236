// The period a figure or a return covers: one set of names (`from`, `to`), messages and limits for
// the performance dashboard, Ofsted's Annex A and the check of children before a return, so that a
// link that works on one works on the others and one refused on one is refused on the others
// (docs/decisions.md "A link's parameters are read one way on the pages and the API").
#pragma once

#include <chrono>
#include <string_view>

#include "domain/error.h"

namespace fd::app {

// A year and a day, so that a leap year's twelve months fit.
inline constexpr int kMaxReportDays = 366;

struct ReportDates {
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;  // the day itself included
};

// `from` and `to` as typed, YYYY-MM-DD. Errors: kInvalid naming "from" or "to" (not a date, the
// last day before the first, longer than kMaxReportDays), every one found.
Result<ReportDates> ParseReportDates(std::string_view from, std::string_view to);

// A figure or a return can only count what has happened: kInvalid naming "to" when the period ends
// after `today` (the authority's local date).
Result<void> CheckReportPeriodEnded(std::chrono::year_month_day to, std::chrono::year_month_day today);

}  // namespace fd::app
