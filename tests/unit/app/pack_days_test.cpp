#include "app/pack_days.h"

#include <gtest/gtest.h>

#include "calendar/local_time.h"

namespace fd::app {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;

calendar::Date Day(const char* iso) { return *ParseIsoDate(iso); }

std::shared_ptr<const policy::Procedures> Kent() {
  auto loaded = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent");
  EXPECT_TRUE(loaded.has_value());
  return *loaded;
}

// RULE CRU-5 RULE CAL-3: over a range with a change of pack version (Kent's 2024 pack, in force
// from 1 September 2024), every 40 minutes of every day, the tables give the pack in force, the
// local date and the due time of 1 and 2 working days exactly as the procedures and their
// calendars do; and outside the range, the same.
TEST(PackDays, CRU5_CAL3_AgreeWithTheProceduresEveryDayAcrossAVersionChange) {
  const auto kent = Kent();
  const PackDays days_of(*kent, Day("2024-01-01"), Day("2025-06-30"));
  const auto& cal = kent->CalendarAt(*ParseUtc("2024-01-01T12:00:00Z"));
  const Instant first = *cal.FromLocal(calendar::LocalTime{sys_days{Day("2023-12-20")}.time_since_epoch()});
  const Instant last = *cal.FromLocal(calendar::LocalTime{sys_days{Day("2025-07-10")}.time_since_epoch()});
  int versions_seen = 0;
  const policy::PolicyPack* previous = nullptr;
  for (Instant at = first; at < last; at += minutes{40}) {
    const policy::PolicyPack& pack = kent->PackAt(at);
    ASSERT_EQ(&days_of.PackAt(at), &pack) << FormatUtc(at);
    if (&pack != previous) ++versions_seen, previous = &pack;
    ASSERT_EQ(days_of.LocalDate(at), calendar::LocalDate(at, kent->time_zone())) << FormatUtc(at);
    for (int n : {1, 2})
      ASSERT_EQ(days_of.DueInWorkingDays(n, at),
                kent->CalendarAt(at).Due({calendar::Timescale::Kind::kWorkingDays, n}, at))
          << n << " working days from " << FormatUtc(at);
  }
  EXPECT_EQ(versions_seen, 2);
  EXPECT_EQ(days_of.PackAt(*ParseUtc("2024-08-31T22:59:59Z")).version, "2017-cru");  // 23:59:59 BST
  EXPECT_EQ(days_of.PackAt(*ParseUtc("2024-08-31T23:00:00Z")).version, "2024-fds");  // midnight BST
}

}  // namespace
}  // namespace fd::app
