// When the front door is closed (HCR-18, KCR-8) and what an urgent or a routine receipt says then, at
// fixed times.
#include "app/out_of_hours.h"

#include <gtest/gtest.h>

#include "app/context.h"
#include "domain/instant.h"

#include <stdexcept>

namespace fd::app {
namespace {

std::shared_ptr<const policy::Procedures> Load(const std::string& authority) {
  auto loaded = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/" + authority);
  EXPECT_TRUE(loaded.has_value());
  return *loaded;
}

// What the receipt's words need of a context: no store (they read none).
class NoStore final : public store::Store {
 public:
  std::unique_ptr<store::Transaction> Begin(store::TransactionMode) override {
    throw std::logic_error("the receipt's words read no store");
  }
  store::Dialect dialect() const override { return store::Dialect::kSqlite; }
};

bool OpenAt(const policy::Procedures& procedures, const char* utc) {
  const Instant at = *ParseUtc(utc);
  return FrontDoorOpen(procedures.PackAt(at), procedures.CalendarAt(at), at);
}

// RULE HCR-18: Hertfordshire's front door is open in the Customer Service Centre's hours
// (Monday–Friday 08:00–20:00, Saturday 09:00–16:00) and closed outside them.
TEST(FrontDoorOpen, HCR18_HertfordshireFollowsTheCustomerServiceCentresHours) {
  const auto herts = Load("hertfordshire");
  EXPECT_TRUE(OpenAt(*herts, "2026-11-27T19:30:00Z"));   // Friday 19:30
  EXPECT_FALSE(OpenAt(*herts, "2026-11-27T20:30:00Z"));  // Friday 20:30
  EXPECT_FALSE(OpenAt(*herts, "2026-11-28T03:19:00Z"));  // Saturday 03:19
  EXPECT_TRUE(OpenAt(*herts, "2026-11-28T10:00:00Z"));   // Saturday 10:00
  EXPECT_FALSE(OpenAt(*herts, "2026-11-29T12:00:00Z"));  // Sunday noon
}

// RULE KCR-8: Kent's packs name no intake service: its front door is open in office hours on working
// days (09:00–17:00) and closed at night and at weekends.
TEST(FrontDoorOpen, KCR8_KentFollowsOfficeHoursOnWorkingDays) {
  const auto kent = Load("kent");
  EXPECT_TRUE(OpenAt(*kent, "2026-11-27T10:00:00Z"));   // Friday 10:00
  EXPECT_FALSE(OpenAt(*kent, "2026-11-27T17:30:00Z"));  // Friday 17:30
  EXPECT_FALSE(OpenAt(*kent, "2026-11-28T03:19:00Z"));  // Saturday 03:19
  EXPECT_FALSE(OpenAt(*kent, "2026-11-28T10:00:00Z"));  // Saturday 10:00
  EXPECT_FALSE(OpenAt(*kent, "2026-12-25T10:00:00Z"));  // Christmas Day
}

// RULE KCR-8: a Kent urgent receipt at 03:19 on a Saturday says the offices are closed, when they
// open (Monday 09:00), 999, and promises no prompt look; while open there is nothing to say.
TEST(ClosedReceipt, KCR8_KentAtNightSaysTheOfficesAreClosedAndWhenTheyOpen) {
  const auto kent = Load("kent");
  FixedClock clock(*ParseUtc("2026-11-28T03:19:00Z"));
  NoStore none;
  AppContext ctx{none, clock, *kent, "Europe/London"};
  const Instant now = clock.Now();
  const auto words = ClosedReceipt(ctx, kent->PackAt(now), now, false);
  ASSERT_TRUE(words.has_value());
  EXPECT_NE(words->advice.find("call 999 now"), std::string::npos) << words->advice;
  EXPECT_NE(words->advice.find("Our offices are closed now (they open again on Monday 30 November 2026 at 9:00am)"),
            std::string::npos)
      << words->advice;
  EXPECT_EQ(words->next.find("as soon as possible"), std::string::npos) << words->next;
  const Instant open = *ParseUtc("2026-11-27T10:00:00Z");
  EXPECT_FALSE(ClosedReceipt(ctx, kent->PackAt(open), open, false).has_value());
}

// RULE HCR-18: Hertfordshire's receipt says the request went straight to the Safeguarding Out of
// Hours Service only when it was sent there.
TEST(ClosedReceipt, HCR18_SaysItWentToTheOutOfHoursServiceOnlyWhenItIsSent) {
  const auto herts = Load("hertfordshire");
  FixedClock clock(*ParseUtc("2026-11-28T03:19:00Z"));
  NoStore none;
  AppContext ctx{none, clock, *herts, "Europe/London"};
  const Instant now = clock.Now();
  const auto& pack = herts->PackAt(now);
  const auto unsent = ClosedReceipt(ctx, pack, now, false);
  ASSERT_TRUE(unsent.has_value());
  EXPECT_EQ(unsent->advice.find("Out of Hours Service"), std::string::npos) << unsent->advice;
  EXPECT_NE(unsent->advice.find("The Customer Service Centre is closed now (it opens again"), std::string::npos);
  const auto sent = ClosedReceipt(ctx, pack, now, true);
  EXPECT_NE(sent->advice.find("gone straight to the Safeguarding Out of Hours Service"), std::string::npos)
      << sent->advice;
  EXPECT_EQ(sent->next.find("The Safeguarding Out of Hours Service has been sent it now"), 0u) << sent->next;
}

// RULE KCR-8 RULE CAL-3: a routine Kent request on a Saturday morning: the offices are closed, they
// open on Monday, and the decision counted from then is due by the end of Monday (CAL-3: Tuesday
// 09:00). While open there is nothing to add.
TEST(ClosedRoutineNext, KCR8_CAL3_KentOnASaturdaySaysWhenTheDecisionIsDue) {
  const auto kent = Load("kent");
  FixedClock clock(*ParseUtc("2026-11-28T10:00:00Z"));
  NoStore none;
  AppContext ctx{none, clock, *kent, "Europe/London"};
  const Instant now = clock.Now();
  const auto& pack = kent->PackAt(now);
  const Instant due = kent->CalendarAt(now).Due(pack.Timescale("decision")->timescale, now);
  EXPECT_EQ(due, *ParseUtc("2026-12-01T09:00:00Z"));
  EXPECT_EQ(ClosedRoutineNext(ctx, pack, now, due),
            "Our offices are closed now (they open again on Monday 30 November 2026 at 9:00am). A social worker will "
            "look at what you told us and decide what happens next within one working day, by the end of Monday 30 "
            "November 2026.");
  const Instant open = *ParseUtc("2026-11-27T10:00:00Z");
  EXPECT_FALSE(ClosedRoutineNext(ctx, kent->PackAt(open), open, due).has_value());
}

// RULE HCR-18 RULE CAL-3: the same under Hertfordshire once the Customer Service Centre has closed on
// a Saturday; it is open that morning.
TEST(ClosedRoutineNext, HCR18_CAL3_HertfordshireOnASaturdayEveningSaysWhenTheDecisionIsDue) {
  const auto herts = Load("hertfordshire");
  FixedClock clock(*ParseUtc("2026-11-28T17:00:00Z"));
  NoStore none;
  AppContext ctx{none, clock, *herts, "Europe/London"};
  const Instant now = clock.Now();
  const auto& pack = herts->PackAt(now);
  const Instant due = herts->CalendarAt(now).Due(pack.Timescale("decision")->timescale, now);
  EXPECT_EQ(ClosedRoutineNext(ctx, pack, now, due),
            "The Customer Service Centre is closed now (it opens again on Monday 30 November 2026 at 8:00am). A "
            "social worker will look at what you told us and decide what happens next within one working day, by "
            "the end of Monday 30 November 2026.");
  const Instant morning = *ParseUtc("2026-11-28T10:00:00Z");
  EXPECT_FALSE(ClosedRoutineNext(ctx, pack, morning, due).has_value());
}

}  // namespace
}  // namespace fd::app
