// When the front door is closed (HCR-18, KCR-8) and what an urgent or a routine receipt says then, at
// fixed times.
#include "app/out_of_hours.h"

#include <gtest/gtest.h>

#include "app/context.h"
#include "domain/instant.h"

#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>

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

// A time and whether the front door is open then; `when` is the time in London, in words.
struct OpenRow {
  const char* utc;
  bool open;
  const char* when;
};

void ExpectOpenAt(const policy::Procedures& procedures, std::initializer_list<OpenRow> rows) {
  for (const OpenRow& row : rows) {
    SCOPED_TRACE(row.when);
    EXPECT_EQ(OpenAt(procedures, row.utc), row.open) << row.utc;
  }
}

// What the receipt's words need: the authority's procedures and a context whose clock stands at `utc`.
struct ReceiptAt {
  ReceiptAt(const std::string& authority, const char* utc) : procedures(Load(authority)), clock(*ParseUtc(utc)) {}
  const policy::PolicyPack& Pack() const { return procedures->PackAt(now); }

  std::shared_ptr<const policy::Procedures> procedures;
  FixedClock clock;
  NoStore none;
  AppContext ctx{none, clock, *procedures, "Europe/London"};
  Instant now = clock.Now();
};

// A phrase and whether `text` must say it.
struct Phrase {
  const char* words;
  bool said;
};

void ExpectPhrases(const std::string& text, std::initializer_list<Phrase> rows) {
  for (const Phrase& row : rows) {
    SCOPED_TRACE(row.words);
    EXPECT_EQ(text.find(row.words) != std::string::npos, row.said) << text;
  }
}

// RULE HCR-18: Hertfordshire's front door is open in the Customer Service Centre's hours
// (Monday–Friday 08:00–20:00, Saturday 09:00–16:00) and closed outside them.
TEST(FrontDoorOpen, HCR18_HertfordshireFollowsTheCustomerServiceCentresHours) {
  ExpectOpenAt(*Load("hertfordshire"), {{"2026-11-27T19:30:00Z", true, "Friday 19:30"},
                                        {"2026-11-27T20:30:00Z", false, "Friday 20:30"},
                                        {"2026-11-28T03:19:00Z", false, "Saturday 03:19"},
                                        {"2026-11-28T10:00:00Z", true, "Saturday 10:00"},
                                        {"2026-11-29T12:00:00Z", false, "Sunday noon"}});
}

// RULE KCR-8: Kent's packs name no intake service: its front door is open in office hours on working
// days (09:00–17:00) and closed at night and at weekends.
TEST(FrontDoorOpen, KCR8_KentFollowsOfficeHoursOnWorkingDays) {
  ExpectOpenAt(*Load("kent"), {{"2026-11-27T10:00:00Z", true, "Friday 10:00"},
                               {"2026-11-27T17:30:00Z", false, "Friday 17:30"},
                               {"2026-11-28T03:19:00Z", false, "Saturday 03:19"},
                               {"2026-11-28T10:00:00Z", false, "Saturday 10:00"},
                               {"2026-12-25T10:00:00Z", false, "Christmas Day"}});
}

// RULE KCR-8: a Kent urgent receipt at 03:19 on a Saturday says the offices are closed, when they
// open (Monday 09:00), 999, and promises no prompt look; while open there is nothing to say.
TEST(ClosedReceipt, KCR8_KentAtNightSaysTheOfficesAreClosedAndWhenTheyOpen) {
  const ReceiptAt kent("kent", "2026-11-28T03:19:00Z");
  const auto words = ClosedReceipt(kent.ctx, kent.Pack(), kent.now, false);
  ASSERT_TRUE(words.has_value());
  ExpectPhrases(words->advice,
                {{"call 999 now", true},
                 {"Our offices are closed now (they open again on Monday 30 November 2026 at 9:00am)", true}});
  ExpectPhrases(words->next, {{"as soon as possible", false}});
  const Instant open = *ParseUtc("2026-11-27T10:00:00Z");
  EXPECT_FALSE(ClosedReceipt(kent.ctx, kent.procedures->PackAt(open), open, false).has_value());
}

// RULE HCR-18: Hertfordshire's receipt says the request went straight to the Safeguarding Out of
// Hours Service only when it was sent there.
TEST(ClosedReceipt, HCR18_SaysItWentToTheOutOfHoursServiceOnlyWhenItIsSent) {
  const ReceiptAt herts("hertfordshire", "2026-11-28T03:19:00Z");
  const auto unsent = ClosedReceipt(herts.ctx, herts.Pack(), herts.now, false);
  ASSERT_TRUE(unsent.has_value());
  ExpectPhrases(unsent->advice, {{"Out of Hours Service", false},
                                 {"The Customer Service Centre is closed now (it opens again", true}});
  const auto sent = ClosedReceipt(herts.ctx, herts.Pack(), herts.now, true);
  ExpectPhrases(sent->advice, {{"gone straight to the Safeguarding Out of Hours Service", true}});
  EXPECT_EQ(sent->next.find("The Safeguarding Out of Hours Service has been sent it now"), 0u) << sent->next;
}

// RULE KCR-8 RULE CAL-3: a routine Kent request on a Saturday morning: the offices are closed, they
// open on Monday, and the decision counted from then is due by the end of Monday (CAL-3: Tuesday
// 09:00). While open there is nothing to add.
TEST(ClosedRoutineNext, KCR8_CAL3_KentOnASaturdaySaysWhenTheDecisionIsDue) {
  const ReceiptAt kent("kent", "2026-11-28T10:00:00Z");
  const Instant due = kent.procedures->CalendarAt(kent.now).Due(kent.Pack().Timescale("decision")->timescale, kent.now);
  EXPECT_EQ(due, *ParseUtc("2026-12-01T09:00:00Z"));
  EXPECT_EQ(ClosedRoutineNext(kent.ctx, kent.Pack(), kent.now, due),
            "Our offices are closed now (they open again on Monday 30 November 2026 at 9:00am). A social worker will "
            "look at what you told us and decide what happens next within one working day, by the end of Monday 30 "
            "November 2026.");
  const Instant open = *ParseUtc("2026-11-27T10:00:00Z");
  EXPECT_FALSE(ClosedRoutineNext(kent.ctx, kent.procedures->PackAt(open), open, due).has_value());
}

// RULE HCR-18 RULE CAL-3: the same under Hertfordshire once the Customer Service Centre has closed on
// a Saturday; it is open that morning.
TEST(ClosedRoutineNext, HCR18_CAL3_HertfordshireOnASaturdayEveningSaysWhenTheDecisionIsDue) {
  const ReceiptAt herts("hertfordshire", "2026-11-28T17:00:00Z");
  const Instant due =
      herts.procedures->CalendarAt(herts.now).Due(herts.Pack().Timescale("decision")->timescale, herts.now);
  EXPECT_EQ(ClosedRoutineNext(herts.ctx, herts.Pack(), herts.now, due),
            "The Customer Service Centre is closed now (it opens again on Monday 30 November 2026 at 8:00am). A "
            "social worker will look at what you told us and decide what happens next within one working day, by "
            "the end of Monday 30 November 2026.");
  const Instant morning = *ParseUtc("2026-11-28T10:00:00Z");
  EXPECT_FALSE(ClosedRoutineNext(herts.ctx, herts.Pack(), morning, due).has_value());
}

}  // namespace
}  // namespace fd::app
