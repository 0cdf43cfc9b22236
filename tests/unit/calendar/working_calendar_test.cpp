#include "calendar/working_calendar.h"
#include "calendar/hours_text.h"

#include <random>

#include "calendar/local_time.h"
#include "calendar_fixture.h"

namespace fd::calendar {
namespace {

class CalendarTest : public ::testing::Test {
 protected:
  WorkingCalendar cal_ = EnglandCalendar();
  std::string DueText(const std::string& timescale, const std::string& from) {
    return cal_.FormatLocal(cal_.Due(*ParseTimescale(timescale), London(cal_, from)));
  }
};

ServiceHours FdsLine() {
  ServiceHours s{"fds-consultation-line", "FDS line", {}, true, {}, {}, {}};
  for (unsigned d = 1; d <= 5; ++d) s.weekly.push_back(Weekly(d, 10, 16));
  return s;
}

ServiceHours Hub() {
  ServiceHours s{"consultation-hub", "Hub", {}, true, {}, Date{std::chrono::year{2018}, std::chrono::April, std::chrono::day{30}}, {}};
  for (unsigned d = 1; d <= 4; ++d) s.weekly.push_back(Weekly(d, 9, 17));
  s.weekly.push_back(Weekly(5, 9, 16));
  return s;
}

ServiceHours CustomerServiceCentre() {
  ServiceHours s{"customer-service-centre", "CSC", {}, true, {}, {}, {}};
  for (unsigned d = 1; d <= 5; ++d) s.weekly.push_back(Weekly(d, 8, 20));
  s.weekly.push_back(Weekly(6, 9, 16));
  return s;
}

ServiceHours PoliceJcpit() {
  ServiceHours s{"police-jcpit", "JCPIT", {}, false, {{8 * 60, 17 * 60}}, {}, {}};
  for (unsigned d = 1; d <= 5; ++d) s.weekly.push_back(Weekly(d, 8, 22));
  s.weekly.push_back(Weekly(6, 8, 17));
  s.weekly.push_back(Weekly(0, 8, 17));
  return s;
}

// RULE CAL-2: working days are Monday to Friday less the division's bank holidays, substitutes included.
TEST_F(CalendarTest, CAL2_WorkingDaysSkipWeekendsAndBankHolidaysWithSubstitutes) {
  auto day = [](int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; };
  EXPECT_TRUE(cal_.IsWorkingDay(day(2026, 11, 24)));
  EXPECT_FALSE(cal_.IsWorkingDay(day(2026, 11, 28)));  // Saturday
  EXPECT_FALSE(cal_.IsWorkingDay(day(2026, 4, 3)));    // Good Friday
  EXPECT_FALSE(cal_.IsWorkingDay(day(2026, 4, 6)));    // Easter Monday
  EXPECT_FALSE(cal_.IsWorkingDay(day(2022, 12, 27)));  // Christmas Day (Sunday) substitute
  EXPECT_FALSE(cal_.IsWorkingDay(day(2022, 12, 26)));  // Boxing Day
  EXPECT_FALSE(cal_.IsWorkingDay(day(2021, 12, 28)));  // Boxing Day (Sunday) substitute
  EXPECT_FALSE(cal_.IsWorkingDay(day(2026, 12, 28)));  // Boxing Day (Saturday) substitute
  EXPECT_TRUE(cal_.IsWorkingDay(day(2026, 12, 29)));
}

// RULE CAL-1: local time is Europe/London with its daylight-saving changes.
TEST_F(CalendarTest, CAL1_LocalTimeFollowsDaylightSaving) {
  EXPECT_EQ(cal_.FormatLocal(*ParseUtc("2026-07-01T09:00:00Z")), "2026-07-01T10:00:00+01:00");
  EXPECT_EQ(cal_.FormatLocal(*ParseUtc("2026-12-01T09:00:00Z")), "2026-12-01T09:00:00+00:00");
  // 01:30 on the morning the clocks go forward does not exist.
  EXPECT_FALSE(cal_.FromLocal(*ParseLocalTime("2026-03-29T01:30")).has_value());
  // 01:30 when the clocks go back happens twice: the first (BST) is meant.
  EXPECT_EQ(FormatUtc(*cal_.FromLocal(*ParseLocalTime("2026-10-25T01:30"))), "2026-10-25T00:30:00Z");
}

struct DueCase {
  const char* rule;
  const char* timescale;
  const char* from;
  const char* due;
};

// RULE CAL-3 and RULE CAL-4, table-driven.
TEST_F(CalendarTest, CAL3_CAL4_DueTimes) {
  const DueCase cases[] = {
      {"CAL-3", "1 working day", "2026-11-24T10:15", "2026-11-25T10:15:00+00:00"},   // inside office hours
      {"CAL-3", "1 working day", "2026-11-24T07:00", "2026-11-25T09:00:00+00:00"},   // before office hours
      {"CAL-3", "1 working day", "2026-11-24T17:00", "2026-11-26T09:00:00+00:00"},   // 17:00 is after hours
      {"CAL-3", "1 working day", "2026-11-27T16:59", "2026-11-30T16:59:00+00:00"},   // Friday → Monday
      {"CAL-3", "1 working day", "2026-11-28T11:00", "2026-12-01T09:00:00+00:00"},   // Saturday
      // The evening before a bank-holiday weekend: Thursday 2 April 2026, then Good Friday and Easter Monday.
      {"CAL-3", "1 working day", "2026-04-02T18:30", "2026-04-08T09:00:00+01:00"},
      {"CAL-3", "1 working day", "2026-04-03T10:00", "2026-04-08T09:00:00+01:00"},   // starts on Good Friday
      {"CAL-3", "1 working day", "2026-12-24T18:00", "2026-12-30T09:00:00+00:00"},   // Christmas, Boxing Day substitute
      {"CAL-3", "1 working day", "2022-12-23T12:00", "2022-12-28T12:00:00+00:00"},   // 26th and 27th are holidays
      {"CAL-3", "5 working days", "2026-11-24T10:00", "2026-12-01T10:00:00+00:00"},
      {"CAL-3", "3 working days", "2026-03-27T15:00", "2026-04-01T15:00:00+01:00"},  // across the spring change
      {"CAL-4", "24 hours", "2026-03-28T23:00", "2026-03-30T00:00:00+01:00"},        // 24 elapsed hours: ends 00:00 BST
      {"CAL-4", "24 hours", "2026-03-28T12:00", "2026-03-29T13:00:00+01:00"},        // clocks forward: 13:00
      {"CAL-4", "24 hours", "2026-10-24T12:00", "2026-10-25T11:00:00+00:00"},        // clocks back: 11:00
      {"CAL-4", "24 hours", "2026-03-28T01:00", "2026-03-29T02:00:00+01:00"},        // ends 01:00 GMT = 02:00 BST
      {"CAL-4", "48 hours", "2026-12-24T09:00", "2026-12-26T09:00:00+00:00"},        // hours ignore holidays
      {"CAL-4", "immediately", "2026-12-25T03:00", "2026-12-25T03:00:00+00:00"},
  };
  for (const auto& c : cases) EXPECT_EQ(DueText(c.timescale, c.from), c.due) << c.rule << " " << c.timescale << " from " << c.from;
}

// RULE CAL-2 RULE CAL-3: the list ends on 31 December 2028. A working-days count whose last day is
// after it took 2029's days as working days (New Year's Day among them), so it is flagged; one that
// ends on or before it, and hours or "immediately" (which count no holidays), are not.
TEST_F(CalendarTest, CAL2_CAL3_ACountPastTheBankHolidayListIsFlagged) {
  ASSERT_EQ(cal_.HolidaysKnownUntil(), (Date{std::chrono::year{2028}, std::chrono::December, std::chrono::day{31}}));
  auto flagged = [&](const std::string& timescale, const std::string& from) {
    const Timescale t = *ParseTimescale(timescale);
    return cal_.CountedWithoutBankHolidays(t, cal_.Due(t, London(cal_, from)));
  };
  EXPECT_EQ(DueText("1 working day", "2028-12-29T15:00"), "2029-01-01T15:00:00+00:00");  // a holiday, unknown
  EXPECT_TRUE(flagged("1 working day", "2028-12-29T15:00"));
  EXPECT_TRUE(flagged("1 working day", "2029-03-01T10:00"));    // starts past the list
  EXPECT_FALSE(flagged("1 working day", "2028-12-28T10:00"));   // due Friday 29 December 2028
  EXPECT_FALSE(flagged("20 working days", "2026-11-24T10:00"));
  EXPECT_FALSE(flagged("72 hours", "2028-12-30T10:00"));        // elapsed time: no holidays counted
  EXPECT_FALSE(flagged("immediately", "2029-01-01T10:00"));
  // An empty list speaks for no day: every working-days count is flagged.
  const WorkingCalendar bare("Europe/London", {});
  const Timescale one = *ParseTimescale("1 working day");
  EXPECT_TRUE(bare.CountedWithoutBankHolidays(one, bare.Due(one, London(bare, "2026-11-24T10:00"))));
}

TEST_F(CalendarTest, CAL4_TwentyFourHoursIsAlways86400SecondsAcrossEachClockChange) {
  for (const char* from : {"2026-03-28T23:00", "2026-03-29T00:30", "2026-10-24T23:00", "2026-10-25T00:30"}) {
    const Instant start = London(cal_, from);
    EXPECT_EQ(cal_.Due(*ParseTimescale("24 hours"), start) - start, std::chrono::hours{24}) << from;
  }
  // Across the autumn change a 24-hour deadline from 23:00 BST ends at 22:00 GMT on the clock.
  EXPECT_EQ(DueText("24 hours", "2026-10-24T23:00"), "2026-10-25T22:00:00+00:00");
}

// RULE FDS-1: the consultation line is open 10:00–16:00 Monday to Friday, not on bank holidays.
// RULE CAL-5 RULE FDS-1: open from the start of a weekly period (inclusive) to its end (exclusive),
// closed on bank holidays; "next open" is the time itself when open, else the next period's start.
TEST_F(CalendarTest, CAL5_FDS1_ConsultationLineFridayAtFourOClock) {
  const auto line = FdsLine();
  EXPECT_TRUE(cal_.IsOpen(line, London(cal_, "2026-11-27T15:59")));
  EXPECT_FALSE(cal_.IsOpen(line, London(cal_, "2026-11-27T16:00")));
  EXPECT_FALSE(cal_.IsOpen(line, London(cal_, "2026-11-27T16:01")));
  EXPECT_EQ(cal_.FormatLocal(*cal_.NextOpen(line, London(cal_, "2026-11-27T16:00"))), "2026-11-30T10:00:00+00:00");
  EXPECT_EQ(cal_.FormatLocal(*cal_.NextOpen(line, London(cal_, "2026-11-27T15:59"))), "2026-11-27T15:59:00+00:00");
  EXPECT_FALSE(cal_.IsOpen(line, London(cal_, "2026-04-06T11:00")));  // Easter Monday
  EXPECT_EQ(cal_.FormatLocal(*cal_.NextOpen(line, London(cal_, "2026-04-02T16:30"))), "2026-04-07T10:00:00+01:00");
  EXPECT_EQ(cal_.FormatLocal(*cal_.NextOpen(line, London(cal_, "2026-12-24T16:30"))), "2026-12-29T10:00:00+00:00");
}

// RULE HCR-8: the hub closes at 16:00 on Fridays but 17:00 Monday to Thursday; opened 30 April 2018.
TEST_F(CalendarTest, HCR8_HubFridayVersusThursday) {
  const auto hub = Hub();
  EXPECT_TRUE(cal_.IsOpen(hub, London(cal_, "2026-11-26T16:30")));   // Thursday
  EXPECT_FALSE(cal_.IsOpen(hub, London(cal_, "2026-11-26T17:00")));
  EXPECT_FALSE(cal_.IsOpen(hub, London(cal_, "2026-11-27T16:30")));  // Friday
  EXPECT_TRUE(cal_.IsOpen(hub, London(cal_, "2026-11-27T15:59")));
  EXPECT_FALSE(cal_.IsOpen(hub, London(cal_, "2018-04-27T10:00")));  // before it opened
  EXPECT_EQ(cal_.FormatLocal(*cal_.NextOpen(hub, London(cal_, "2018-04-01T10:00"))), "2018-04-30T09:00:00+01:00");
}

// RULE HCR-18: the Customer Service Centre opens on Saturdays 09:00–16:00, not Sundays.
TEST_F(CalendarTest, HCR18_CustomerServiceCentreOnASaturday) {
  const auto csc = CustomerServiceCentre();
  EXPECT_TRUE(cal_.IsOpen(csc, London(cal_, "2026-11-28T09:00")));
  EXPECT_FALSE(cal_.IsOpen(csc, London(cal_, "2026-11-28T08:59")));
  EXPECT_FALSE(cal_.IsOpen(csc, London(cal_, "2026-11-28T16:00")));
  EXPECT_FALSE(cal_.IsOpen(csc, London(cal_, "2026-11-29T12:00")));
  EXPECT_TRUE(cal_.IsOpen(csc, London(cal_, "2026-11-30T19:59")));
  EXPECT_EQ(cal_.FormatLocal(*cal_.NextOpen(csc, London(cal_, "2026-11-28T16:00"))), "2026-11-30T08:00:00+00:00");
}

// RULE HCR-19: police JCPIT 08:00–22:00 weekdays, 08:00–17:00 weekends and bank holidays.
TEST_F(CalendarTest, HCR19_PoliceTeamWeekendAndBankHolidayHours) {
  const auto police = PoliceJcpit();
  EXPECT_TRUE(cal_.IsOpen(police, London(cal_, "2026-11-24T21:59")));
  EXPECT_FALSE(cal_.IsOpen(police, London(cal_, "2026-11-24T22:00")));
  EXPECT_TRUE(cal_.IsOpen(police, London(cal_, "2026-11-29T16:59")));   // Sunday
  EXPECT_FALSE(cal_.IsOpen(police, London(cal_, "2026-11-29T17:00")));
  EXPECT_TRUE(cal_.IsOpen(police, London(cal_, "2026-12-25T16:00")));   // Christmas Day, a Friday
  EXPECT_FALSE(cal_.IsOpen(police, London(cal_, "2026-12-25T18:00")));  // bank-holiday hours, not Friday's
}

TEST(Timescale, ParsesTheProceduresWordsAndRefusesOthers) {
  EXPECT_EQ(ParseTimescale("1 working day"), (Timescale{Timescale::Kind::kWorkingDays, 1}));
  EXPECT_EQ(ParseTimescale(" 5 Working Days "), (Timescale{Timescale::Kind::kWorkingDays, 5}));
  EXPECT_EQ(ParseTimescale("1 hour"), (Timescale{Timescale::Kind::kHours, 1}));
  EXPECT_EQ(ParseTimescale("immediately"), (Timescale{Timescale::Kind::kImmediately, 0}));
  for (const char* bad : {"", "soon", "24", "hours", "0 hours", "-1 hours", "2 days", "1.5 hours", "one working day"}) {
    auto parsed = ParseTimescale(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().find("expected"), std::string::npos);
  }
}

TEST(LocalTimeText, ParsesWithOrWithoutSeconds) {
  EXPECT_TRUE(ParseLocalTime("2026-12-29T10:00").has_value());
  EXPECT_TRUE(ParseLocalTime("2026-12-29T10:00:59").has_value());
  EXPECT_FALSE(ParseLocalTime("2026-12-29 10:00").has_value());
  EXPECT_FALSE(ParseLocalTime("2026-02-30T10:00").has_value());
  EXPECT_FALSE(ParseLocalTime("2026-12-29T24:00").has_value());
}

// Property tests over random instants 2018–2028 (fixed seed, so a failure reproduces).
TEST_F(CalendarTest, CAL3_PropertiesOverRandomInstants) {
  std::mt19937_64 random(20261124);
  const auto first = London(cal_, "2018-01-01T00:00").time_since_epoch().count();
  const auto last = London(cal_, "2028-11-30T00:00").time_since_epoch().count();
  std::uniform_int_distribution<long long> pick(first, last);
  const Timescale one_day{Timescale::Kind::kWorkingDays, 1}, three_days{Timescale::Kind::kWorkingDays, 3},
      hours{Timescale::Kind::kHours, 24};
  for (int i = 0; i < 3000; ++i) {
    const Instant t{std::chrono::seconds{pick(random)}};
    const Instant later = t + std::chrono::seconds{pick(random) % 200000};
    for (const auto& ts : {one_day, three_days}) {
      const Instant due = cal_.Due(ts, t);
      ASSERT_GE(due, t);
      ASSERT_TRUE(cal_.IsWorkingTime(due)) << cal_.FormatLocal(t) << " → " << cal_.FormatLocal(due);
      ASSERT_LE(due, cal_.Due(ts, later)) << "not monotonic from " << cal_.FormatLocal(t);
    }
    ASSERT_EQ(cal_.Due(hours, t) - t, std::chrono::hours{24});
    ASSERT_LE(cal_.Due(one_day, t), cal_.Due(three_days, t));
  }
}

TEST(BankHolidays, RefuseMalformedFilesWithAReason) {
  EXPECT_FALSE(ParseBankHolidays("not json").has_value());
  EXPECT_FALSE(ParseBankHolidays("{}").has_value());
  auto bad_date = ParseBankHolidays(R"({"england-and-wales":{"events":[{"title":"X","date":"2026-02-30"}]}})");
  ASSERT_FALSE(bad_date.has_value());
  EXPECT_NE(bad_date.error().find("2026-02-30"), std::string::npos);
  auto ok = ParseBankHolidays(R"({"scotland":{"division":"scotland","events":[{"title":"St Andrew's Day","date":"2026-11-30"}]}})");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->at("scotland").size(), 1u);
}

TEST(LocalTimeFormat, PeopleAndIso) {
  const Instant t = *ParseUtc("2026-07-01T08:05:00Z");
  EXPECT_EQ(FormatLocalForPeople(t), "1 July 2026 at 9:05am");
  EXPECT_EQ(FormatLocalIso(t), "2026-07-01T09:05:00+01:00");
  // The local date, as people write it: 23:30 UTC on 30 June is 1 July in London.
  EXPECT_EQ(FormatLocalDateForPeople(*ParseUtc("2026-06-30T23:30:00Z")), "1 July 2026");
  EXPECT_EQ(FormatLocalDateForPeople(*ParseUtc("2026-11-27T10:00:00Z")), "27 November 2026");
}

}  // namespace
}  // namespace fd::calendar

// RULE FDS-1 RULE HCR-8: the hours the request form shows beside each consultation line.
TEST(HoursText, DescribesTheFdsLineAndTheHubInWords) {
  fd::calendar::ServiceHours fds;
  for (unsigned d = 1; d <= 5; ++d) fds.weekly.push_back({d, {10 * 60, 16 * 60}});
  EXPECT_EQ(fd::calendar::DescribeHours(fds), "Monday to Friday, 10am to 4pm; closed on bank holidays");
  fd::calendar::ServiceHours hub;
  for (unsigned d = 1; d <= 4; ++d) hub.weekly.push_back({d, {9 * 60, 17 * 60}});
  hub.weekly.push_back({5, {9 * 60, 16 * 60 + 30}});
  hub.bank_holiday_hours.push_back({12 * 60, 17 * 60});
  EXPECT_EQ(fd::calendar::DescribeHours(hub),
            "Monday to Thursday, 9am to 5pm; Friday, 9am to 4:30pm; bank holidays, midday to 5pm");
}
