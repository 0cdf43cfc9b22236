#include "calendar/working_day_index.h"

#include "calendar_fixture.h"

namespace fd::calendar {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;

Date Day(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

// Every `step` from local midnight of `from` to the end of `to`, the index and the calendar agree on
// the local date and on the due time for 0 to 3 working days. Returns how many instants were checked.
int CompareEveryStep(const WorkingCalendar& cal, const WorkingDayIndex& index, Date from, Date to, minutes step) {
  int checked = 0;
  const Instant first = cal.FromLocal(LocalTime{sys_days{from}.time_since_epoch()}).value();
  const Instant last = cal.FromLocal(LocalTime{(sys_days{to} + days{1}).time_since_epoch()}).value();
  for (Instant at = first; at < last; at += step, ++checked) {
    EXPECT_EQ(index.LocalDate(at), Date{std::chrono::floor<days>(cal.ToLocal(at))}) << cal.FormatLocal(at);
    for (int n = 0; n <= 3; ++n)
      EXPECT_EQ(index.DueInWorkingDays(n, at), cal.Due({Timescale::Kind::kWorkingDays, n}, at))
          << n << " working days from " << cal.FormatLocal(at);
    if (::testing::Test::HasFailure()) break;
  }
  return checked;
}

// RULE CAL-3: the index answers exactly as the calendar on every day from 2018 to 2028 — weekends,
// England's bank holidays (substitutes included), both clock changes each year — every 30 minutes
// and on the minutes either side of the office's opening and closing.
TEST(WorkingDayIndex, CAL3_AgreesWithTheCalendarEveryDay2018To2028) {
  const WorkingCalendar cal = EnglandCalendar();
  const WorkingDayIndex index(cal, Day(2018, 1, 1), Day(2028, 12, 31));
  EXPECT_EQ(CompareEveryStep(cal, index, Day(2018, 1, 1), Day(2028, 12, 31), minutes{30}), 4018 * 48);
  for (sys_days d{Day(2018, 1, 1)}; d <= sys_days{Day(2028, 12, 31)}; d += days{1})
    for (int minute : {0, 8 * 60 + 59, 9 * 60, 16 * 60 + 59, 17 * 60, 23 * 60 + 59}) {
      const auto local = LocalTime{d.time_since_epoch()} + minutes{minute};
      const auto at = cal.FromLocal(local);
      if (!at) continue;
      EXPECT_EQ(index.DueInWorkingDays(1, *at), cal.Due({Timescale::Kind::kWorkingDays, 1}, *at))
          << cal.FormatLocal(*at);
    }
}

// The cases people check by hand: a bank-holiday weekend, Christmas, the days the clocks change.
TEST(WorkingDayIndex, CAL3_BankHolidaysWeekendsAndClockChanges) {
  const WorkingCalendar cal = EnglandCalendar();
  const WorkingDayIndex index(cal, Day(2026, 1, 1), Day(2026, 12, 31));
  const auto due = [&](const char* local) { return cal.FormatLocal(index.DueInWorkingDays(1, London(cal, local))); };
  EXPECT_EQ(due("2026-04-02T16:00"), "2026-04-07T16:00:00+01:00");  // Good Friday and Easter Monday
  EXPECT_EQ(due("2026-04-02T18:30"), "2026-04-08T09:00:00+01:00");
  EXPECT_EQ(due("2026-12-24T18:00"), "2026-12-30T09:00:00+00:00");  // Christmas and the Boxing Day substitute
  EXPECT_EQ(due("2026-11-27T16:59"), "2026-11-30T16:59:00+00:00");  // Friday to Monday
  EXPECT_EQ(due("2026-11-28T11:00"), "2026-12-01T09:00:00+00:00");  // a Saturday
  EXPECT_EQ(due("2026-03-27T10:00"), "2026-03-30T10:00:00+01:00");  // over the spring change
  EXPECT_EQ(due("2026-10-23T10:00"), "2026-10-26T10:00:00+00:00");  // over the autumn change
  EXPECT_EQ(due("2026-03-29T00:30"), "2026-03-31T09:00:00+01:00");  // on the day the clocks go forward
  EXPECT_EQ(due("2026-10-25T01:30"), "2026-10-27T09:00:00+00:00");  // on the day they go back
  EXPECT_EQ(cal.FormatLocal(index.DueInWorkingDays(3, London(cal, "2026-12-23T12:00"))),
            "2026-12-30T12:00:00+00:00");
  // The local date: in summer an hour after midnight UTC is still the day before in UTC terms.
  EXPECT_EQ(index.LocalDate(*ParseUtc("2026-03-31T23:30:00Z")), Day(2026, 4, 1));
  EXPECT_EQ(index.LocalDate(*ParseUtc("2026-03-31T22:30:00Z")), Day(2026, 3, 31));
  EXPECT_EQ(index.LocalDate(*ParseUtc("2026-12-31T23:30:00Z")), Day(2026, 12, 31));
}

// Outside the table, and where the due date falls past its end, the calendar itself answers.
TEST(WorkingDayIndex, CAL3_OutsideTheTableTheCalendarAnswers) {
  const WorkingCalendar cal = EnglandCalendar();
  const WorkingDayIndex index(cal, Day(2026, 12, 1), Day(2026, 12, 24));
  for (const char* local : {"2026-11-30T12:00", "2026-12-24T18:00", "2026-12-31T10:00", "2025-06-01T10:00"}) {
    const Instant at = London(cal, local);
    EXPECT_EQ(index.DueInWorkingDays(1, at), cal.Due({Timescale::Kind::kWorkingDays, 1}, at)) << local;
    EXPECT_EQ(index.LocalDate(at), Date{std::chrono::floor<days>(cal.ToLocal(at))}) << local;
  }
  EXPECT_EQ(cal.FormatLocal(index.DueInWorkingDays(1, London(cal, "2026-12-24T18:00"))), "2026-12-30T09:00:00+00:00");
}

// Zones whose clocks changed at midnight (São Paulo until 2019: midnight skipped in November and
// repeated in February), other office hours, and a one-day table: still the calendar's answers.
TEST(WorkingDayIndex, CAL3_MidnightClockChangesAndOtherOfficeHours) {
  const std::set<Date> holidays = {Day(2018, 11, 2), Day(2018, 11, 15), Day(2019, 2, 15)};
  const WorkingCalendar cal("America/Sao_Paulo", holidays, ClockPeriod{0, 24 * 60});
  const WorkingDayIndex index(cal, Day(2018, 10, 1), Day(2019, 3, 31));
  EXPECT_GT(CompareEveryStep(cal, index, Day(2018, 10, 1), Day(2019, 3, 31), minutes{10}), 0);
  const WorkingCalendar early("Europe/London", {Day(2026, 5, 4)}, ClockPeriod{7 * 60 + 30, 18 * 60});
  const WorkingDayIndex one_day(early, Day(2026, 5, 1), Day(2026, 5, 1));
  EXPECT_GT(CompareEveryStep(early, one_day, Day(2026, 4, 30), Day(2026, 5, 2), minutes{5}), 0);
}

}  // namespace
}  // namespace fd::calendar
