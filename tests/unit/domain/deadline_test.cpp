// When a deadline is open, met late or breached: one rule for both (InTimeUntil), which gives a
// deadline due "immediately" the minute it takes to do it (kAtOnceAllowance).
#include "domain/deadline.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

using std::chrono::seconds;

const Instant kArose = *ParseUtc("2026-11-24T10:00:00Z");

Deadline Open(Instant starts_at, Instant due_at) {
  Deadline d;
  d.starts_at = starts_at;
  d.due_at = due_at;
  return d;
}

// RULE KCR-13 RULE HCR-28: telling the police is due the moment the need arises. Told within a minute
// it is on time (MetLateFor), so in that minute it cannot be breached either; after it, it is.
TEST(Deadline, KCR13_HCR28_AnImmediateDeadlineIsNotBreachedInItsFirstMinute) {
  const Deadline police = Open(kArose, kArose);
  EXPECT_EQ(police.StateAt(kArose), DeadlineState::kOpen);
  EXPECT_EQ(police.StateAt(kArose + seconds{30}), DeadlineState::kOpen);
  EXPECT_EQ(police.StateAt(kArose + kAtOnceAllowance), DeadlineState::kOpen);
  EXPECT_EQ(police.StateAt(kArose + seconds{61}), DeadlineState::kBreached);
  EXPECT_EQ(police.StateAt(kArose + std::chrono::minutes{20}), DeadlineState::kBreached);
}

// An ordinary deadline (due later than it started) is breached the second after it is due.
TEST(Deadline, AnOrdinaryDeadlineIsBreachedTheSecondAfterItIsDue) {
  const Instant due = kArose + std::chrono::hours{24};
  const Deadline decision = Open(kArose, due);
  EXPECT_EQ(decision.StateAt(due), DeadlineState::kOpen);
  EXPECT_EQ(decision.StateAt(due + seconds{1}), DeadlineState::kBreached);
  EXPECT_EQ(decision.StateAt(due + seconds{30}), DeadlineState::kBreached);
}

TEST(Deadline, AMetDeadlineIsMetWhenever) {
  Deadline police = Open(kArose, kArose);
  police.met_at = kArose + std::chrono::minutes{5};
  EXPECT_EQ(police.StateAt(kArose + std::chrono::hours{1}), DeadlineState::kMet);
  EXPECT_TRUE(police.MetLate());
}

// Met late and breached are one rule: whatever would be late if met now is breached if still open now.
TEST(Deadline, MetLateAndBreachedAgreeAtEverySecond) {
  for (const Instant due : {kArose, kArose + std::chrono::hours{24}})
    for (int s = -5; s <= 125; ++s) {
      const Instant now = due + seconds{s};
      EXPECT_EQ(BreachedAt(kArose, due, now), MetLateFor(kArose, due, now)) << FormatUtc(due) << " +" << s;
      EXPECT_EQ(BreachedAt(kArose, due, now), now > InTimeUntil(kArose, due));
    }
  EXPECT_EQ(InTimeUntil(kArose, kArose), kArose + kAtOnceAllowance);
  EXPECT_EQ(InTimeUntil(kArose, kArose + seconds{1}), kArose + seconds{1});
}

// The bounds the store compares each row's due time with give the same answer as BreachedAt.
TEST(Deadline, BreachCutoffsAgreeWithBreachedAt) {
  for (const Instant due : {kArose, kArose + std::chrono::hours{24}})
    for (int s = -5; s <= 125; ++s) {
      const Instant now = due + seconds{s};
      const BreachCutoffs cut = BreachCutoffsAt(now);
      const bool at_once = kArose == due;
      const bool by_cutoffs = due < cut.due_before && (!at_once || due < cut.at_once_due_before);
      EXPECT_EQ(by_cutoffs, BreachedAt(kArose, due, now)) << FormatUtc(due) << " +" << s;
    }
}

}  // namespace
}  // namespace fd

namespace fd {
namespace {

// RULE CAL-2 RULE CAL-3: the note beside a due time counted past the bank-holiday list.
TEST(BankHolidaysUnknownNote, NamesTheListsLastDayInWords) {
  EXPECT_EQ(BankHolidaysUnknownNote("2028-12-31"), "Bank holidays after 31 December 2028 are not known: check this date");
  EXPECT_EQ(BankHolidaysUnknownNote(""), "Bank holidays are not known: check this date");
}

}  // namespace
}  // namespace fd
