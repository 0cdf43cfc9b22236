// Retention (FDS-8 and issue 8 point 5): when a record's retention period ends. The pack gives each
// record class a number of years and the date they run from; this works out the day the record is
// due to go. Pure: the dates come in, nothing is read.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fd {

// What a retention period runs from ([[retention]] `from` in a pack).
enum class RetentionTrigger {
  kCreated,      // the day the record was made
  kClosed,       // the day it was closed (a contact's decision authorised); not due while open
  kDateOfBirth,  // the child's date of birth ("until the child's 25th birthday")
};

std::string_view RetentionTriggerId(RetentionTrigger trigger);  // "created", "closed", "date-of-birth"
std::optional<RetentionTrigger> RetentionTriggerFromId(std::string_view id);

// The dates a record has; any may be missing.
struct RetentionDates {
  std::optional<std::chrono::year_month_day> created;
  std::optional<std::chrono::year_month_day> closed;
  std::optional<std::chrono::year_month_day> date_of_birth;
};

// `from` plus `years`; 29 February moves to 1 March in a year without one (the period has then run
// in full).
std::chrono::year_month_day AddYears(std::chrono::year_month_day from, int years);

// The first day the record may be purged: the trigger's date plus `years` (AddYears). A record with no date of birth runs from the day it was made
// (never sooner than a birthday would have been known); an open record (no closed date) and a
// record with no dates at all are never due: nullopt.
std::optional<std::chrono::year_month_day> RetentionEnds(RetentionTrigger trigger, int years,
                                                         const RetentionDates& dates);

}  // namespace fd
