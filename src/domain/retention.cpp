#include "domain/retention.h"

namespace fd {

std::string_view RetentionTriggerId(RetentionTrigger trigger) {
  switch (trigger) {
    case RetentionTrigger::kCreated: return "created";
    case RetentionTrigger::kClosed: return "closed";
    case RetentionTrigger::kDateOfBirth: return "date-of-birth";
  }
  return "created";
}

std::optional<RetentionTrigger> RetentionTriggerFromId(std::string_view id) {
  for (auto t : {RetentionTrigger::kCreated, RetentionTrigger::kClosed, RetentionTrigger::kDateOfBirth})
    if (RetentionTriggerId(t) == id) return t;
  return std::nullopt;
}

std::chrono::year_month_day AddYears(std::chrono::year_month_day from, int years) {
  const std::chrono::year_month_day end = from + std::chrono::years{years};
  if (end.ok()) return end;
  // 29 February plus a number of years that lands in a common year: the day after 28 February.
  return std::chrono::year_month_day{std::chrono::sys_days{end.year() / end.month() / std::chrono::day{28}} +
                                     std::chrono::days{1}};
}

std::optional<std::chrono::year_month_day> RetentionEnds(RetentionTrigger trigger, int years,
                                                         const RetentionDates& dates) {
  std::optional<std::chrono::year_month_day> from;
  switch (trigger) {
    case RetentionTrigger::kCreated: from = dates.created; break;
    case RetentionTrigger::kClosed: from = dates.closed; break;
    case RetentionTrigger::kDateOfBirth: from = dates.date_of_birth ? dates.date_of_birth : dates.created; break;
  }
  if (!from) return std::nullopt;
  return AddYears(*from, years);
}

}  // namespace fd
