// The policy packs in force day by day over a range of local dates, for use cases that judge many
// records at once (the dashboard's year, the returns): each record's local date, the pack version in
// force then (CRU-5) and its due times in working days, from tables built once instead of a
// time-zone lookup and a search of the versions per record. Answers exactly as Procedures::PackAt
// and WorkingCalendar::Due do; outside the range it asks them.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "calendar/working_day_index.h"
#include "policy/procedures.h"

namespace fd::app {

class PackDays {
 public:
  // `procedures` must outlive this. REQUIRES: first <= last.
  PackDays(const policy::Procedures& procedures, calendar::Date first, calendar::Date last);

  // The authority's local date of `at` (CAL-1).
  calendar::Date LocalDate(Instant at) const;
  // The pack version in force at `at`, as Procedures::PackAt.
  const policy::PolicyPack& PackAt(Instant at) const;
  // When "n working days" from `from` runs out, by the calendar of the pack in force at `from`.
  Instant DueInWorkingDays(int n, Instant from) const;

 private:
  // The version in force on the local date of `at`; nullopt outside the range.
  std::optional<std::size_t> VersionAt(Instant at) const;

  const policy::Procedures& procedures_;
  std::chrono::sys_days first_;
  std::vector<std::uint16_t> version_of_day_;  // the index in procedures.versions() of each day's pack
  // One index per version in force somewhere in the range (null for the others).
  std::vector<std::unique_ptr<calendar::WorkingDayIndex>> indexes_;
  const calendar::WorkingDayIndex* dates_ = nullptr;  // any of them: the zone is the authority's, one for all
};

}  // namespace fd::app
