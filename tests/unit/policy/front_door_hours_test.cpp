// The one rule for whether the front door is open now (policy/front_door_hours.h), and what the
// portal's urgent advice says by it, under both shipped authorities at fixed local times (never the
// real clock): Hertfordshire's Customer Service Centre's hours (HCR-18), Kent's office hours on
// working days (KCR-8). Also a decision's due time in words (CAL-3).
#include "policy/front_door_hours.h"

#include <gtest/gtest.h>

#include "policy/service_words.h"
#include "unit/policy/test_pack.h"

namespace fd::policy {
namespace {

using test_pack::kPolicies;

struct Authority {
  PolicyPack pack;
  calendar::WorkingCalendar calendar;
};

Authority Load(const std::string& file) {
  auto loaded = LoadPack(kPolicies + "/" + file);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : test_pack::AllErrors(loaded.error()));
  auto calendar = CalendarFor(*loaded);
  return {std::move(*loaded), std::move(calendar)};
}

const Authority& Kent() {
  static const Authority kent = Load("kent/2024-fds.toml");
  return kent;
}

const Authority& Hertfordshire() {
  static const Authority herts = Load("hertfordshire/2019.toml");
  return herts;
}

// "2026-11-28T10:00" in the authority's zone.
Instant At(const Authority& a, const char* local) { return *a.calendar.FromLocal(*calendar::ParseLocalTime(local)); }

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// RULE KCR-8: Kent names no intake service, so its front door keeps office hours on working days:
// closed on a Saturday morning and on Christmas Day (then it opens after the bank holidays), open on
// a weekday at 10:00.
TEST(FrontDoorHours, KCR8_KentKeepsOfficeHoursOnWorkingDays) {
  const auto& kent = Kent();
  EXPECT_TRUE(FrontDoorOpenAt(kent.pack, kent.calendar, At(kent, "2026-11-27T10:00")));  // Friday
  const auto saturday = FrontDoorClosedAt(kent.pack, kent.calendar, At(kent, "2026-11-28T10:00"));
  ASSERT_TRUE(saturday.has_value());
  EXPECT_EQ(saturday->intake, nullptr);
  EXPECT_EQ(saturday->opens, At(kent, "2026-11-30T09:00"));  // Monday
  const auto christmas = FrontDoorClosedAt(kent.pack, kent.calendar, At(kent, "2026-12-25T10:00"));
  ASSERT_TRUE(christmas.has_value());
  EXPECT_EQ(christmas->opens, At(kent, "2026-12-29T09:00"));  // Boxing Day's substitute is Monday 28th
}

// RULE HCR-18: Hertfordshire's front door keeps the Customer Service Centre's hours, Saturday
// 09:00–16:00 included.
TEST(FrontDoorHours, HCR18_HertfordshireKeepsTheCustomerServiceCentresHours) {
  const auto& herts = Hertfordshire();
  EXPECT_TRUE(FrontDoorOpenAt(herts.pack, herts.calendar, At(herts, "2026-11-28T10:00")));
  const auto closed = FrontDoorClosedAt(herts.pack, herts.calendar, At(herts, "2026-11-28T17:00"));
  ASSERT_TRUE(closed.has_value());
  ASSERT_NE(closed->intake, nullptr);
  EXPECT_EQ(closed->intake->name, "Customer Service Centre");
  EXPECT_EQ(closed->opens, At(herts, "2026-11-30T08:00"));
}

// RULE KCR-8 RULE HCR-12: under Kent on a Saturday the advice before sending says the offices are
// closed and when they open, and 999; never to ring 03000 411111 "straight away". On a weekday at
// 10:00 it is the pack's own advice, which does.
TEST(FrontDoorHours, KCR8_KentsUrgentAdviceFollowsTheOneRule) {
  const auto& kent = Kent();
  const std::string closed = UrgentAdviceNow(kent.pack, kent.calendar, At(kent, "2026-11-28T10:00"), true);
  EXPECT_EQ(closed,
            "If a child is in immediate danger, call 999 now. Our offices are closed now (they open again on Monday "
            "30 November 2026 at 9:00am). If you send this request now, it is kept, shown to anyone on out-of-hours "
            "duty, and seen first when the offices open.");
  EXPECT_FALSE(Has(closed, "straight away")) << closed;
  EXPECT_FALSE(Has(closed, "03000 411111")) << closed;
  const std::string open = UrgentAdviceNow(kent.pack, kent.calendar, At(kent, "2026-11-27T10:00"), true);
  EXPECT_EQ(open, kent.pack.routing.urgent_advice);
  EXPECT_TRUE(Has(open, "03000 411111 straight away")) << open;
}

// RULE HCR-18 RULE HCR-12: under Hertfordshire, at 10:00 on a Saturday the centre is open and its
// number is given; at 17:00 it is closed and it is not.
TEST(FrontDoorHours, HCR18_HertfordshiresUrgentAdviceFollowsTheOneRule) {
  const auto& herts = Hertfordshire();
  const std::string open = UrgentAdviceNow(herts.pack, herts.calendar, At(herts, "2026-11-28T10:00"), false);
  EXPECT_EQ(open, herts.pack.routing.urgent_advice);
  const std::string closed = UrgentAdviceNow(herts.pack, herts.calendar, At(herts, "2026-11-28T17:00"), false);
  EXPECT_TRUE(Has(closed, "The Customer Service Centre is closed now (it opens again on Monday 30 November 2026 at "
                          "8:00am)."))
      << closed;
  EXPECT_FALSE(Has(closed, "0300 123 4043")) << closed;
}

// RULE CAL-3: a decision due a working day after a Saturday contact is due at Tuesday's opening,
// said as the end of Monday; one due in the day is said with its time.
TEST(FrontDoorHours, CAL3_ADecisionsDueTimeInWords) {
  const auto& kent = Kent();
  const auto& decision = kent.pack.Timescale("decision")->timescale;
  const Instant from_saturday = kent.calendar.Due(decision, At(kent, "2026-11-28T10:00"));
  EXPECT_EQ(from_saturday, At(kent, "2026-12-01T09:00"));
  EXPECT_EQ(DueForPeople(from_saturday, kent.calendar), "by the end of Monday 30 November 2026");
  const Instant from_friday = kent.calendar.Due(decision, At(kent, "2026-11-27T11:30"));
  EXPECT_EQ(DueForPeople(from_friday, kent.calendar), "by Monday 30 November 2026 at 11:30am");
  // After Christmas: the end of the working day before Tuesday 29 December's opening is Thursday 24th.
  EXPECT_EQ(DueForPeople(At(kent, "2026-12-29T09:00"), kent.calendar), "by the end of Thursday 24 December 2026");
}

}  // namespace
}  // namespace fd::policy
