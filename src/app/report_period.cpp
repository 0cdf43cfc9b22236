#include "app/report_period.h"

#include <fmt/format.h>

#include "domain/contact.h"
#include "domain/text.h"

namespace fd::app {

using std::chrono::sys_days;

Result<ReportDates> ParseReportDates(std::string_view from, std::string_view to) {
  std::vector<FieldError> errors;
  const auto start = ParseIsoDate(Trim(from));
  const auto end = ParseIsoDate(Trim(to));
  if (!start) errors.push_back({"from", "Enter the first day of the period as a date, like 2025-01-01"});
  if (!end) errors.push_back({"to", "Enter the last day of the period as a date, like 2025-06-30"});
  if (start && end && sys_days(*end) < sys_days(*start))
    errors.push_back({"to", "The last day of the period must be the same as or after the first"});
  else if (start && end && (sys_days(*end) - sys_days(*start)).count() + 1 > kMaxReportDays)
    errors.push_back({"to", fmt::format("Choose a period of at most {} days", kMaxReportDays)});
  if (!errors.empty()) {
    std::string summary = errors.front().message;
    return std::unexpected(Error::Invalid(std::move(errors), std::move(summary)));
  }
  return ReportDates{*start, *end};
}

Result<void> CheckReportPeriodEnded(std::chrono::year_month_day to, std::chrono::year_month_day today) {
  if (sys_days(to) <= sys_days(today)) return {};
  return std::unexpected(Error::InvalidField(
      "to", fmt::format("The last day of the period must be today ({}) or earlier: a figure or a return can only "
                        "count what has happened",
                        FormatIsoDate(today))));
}

}  // namespace fd::app
