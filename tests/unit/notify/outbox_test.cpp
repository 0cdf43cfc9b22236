// The outbox table through its record code: idempotent enqueue in the caller's transaction, due
// rows, claims, and the retry schedule up to giving up.
#include "notify/outbox.h"

#include <fmt/format.h>

#include "notify_fixture.h"

namespace fd::notify {
namespace {

using namespace std::chrono_literals;

using OutboxTest = NotifyTest;

TEST_F(OutboxTest, EnqueueIsIdempotentByKey) {
  const Instant now = At("2026-11-24T09:30:00Z");
  EXPECT_TRUE(Queue(SampleEmail(12), now));

  Email again = SampleEmail(12);
  again.body = "A second body for the same purpose";
  EXPECT_FALSE(Queue(again, now + 1h));
  // Another purpose for the same record is another e-mail.
  EXPECT_TRUE(Queue(SampleEmail(12, "outcome"), now));

  const auto rows = Outbox(12);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].idempotency_key, "contact:12:acknowledgement");
  EXPECT_EQ(rows[0].body, SampleEmail(12).body);  // the first one stands
  EXPECT_EQ(rows[0].recipient, "dr.lee@riverside.nhs.net");
  EXPECT_EQ(rows[0].purpose, "acknowledgement");
  EXPECT_EQ(rows[0].created_at, now);
  EXPECT_EQ(rows[0].next_attempt_at, now);
  EXPECT_EQ(rows[0].attempts, 0);
  EXPECT_FALSE(rows[0].sent_at);
  EXPECT_FALSE(rows[0].failed_at);
  EXPECT_EQ(rows[1].idempotency_key, "contact:12:outcome");
}

TEST_F(OutboxTest, EnqueueIsUndoneWhenTheCallersTransactionRollsBack) {
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    EXPECT_TRUE(Enqueue(*tx, SampleEmail(5), At("2026-11-24T09:30:00Z")));
    // destroyed without Commit(): the change that wanted the e-mail did not happen
  }
  EXPECT_TRUE(Outbox(5).empty());
  EXPECT_TRUE(Queue(SampleEmail(5), At("2026-11-24T09:31:00Z")));
}

TEST_F(OutboxTest, RetryDelayDoublesFromThirtySecondsToAnHour) {
  const std::vector<std::chrono::seconds> expected = {30s, 60s, 120s, 240s, 480s, 960s, 1920s, 3600s, 3600s, 3600s};
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(RetryDelay(static_cast<int>(i + 1)), expected[i]) << i;
  EXPECT_EQ(RetryDelay(1000), 3600s);
  EXPECT_EQ(RetryDelay(0), 30s);
}

TEST_F(OutboxTest, DueEmailsAreUnsentUnfailedAndDueOldestFirst) {
  const Instant t0 = At("2026-11-24T09:00:00Z");
  Queue(SampleEmail(1), t0 + 10s);
  Queue(SampleEmail(2), t0);
  Queue(SampleEmail(3), t0 + 1h);  // not yet due at t0 + 1 min
  Queue(SampleEmail(4), t0);
  Queue(SampleEmail(5), t0);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    const auto four = ListOutbox(*tx, "contact", 4).at(0).id;
    const auto five = ListOutbox(*tx, "contact", 5).at(0).id;
    EXPECT_TRUE(MarkSent(*tx, four, t0));
    EXPECT_TRUE(RecordFailure(*tx, five, "refused", t0, /*permanent=*/true));
    tx->Commit();
  }
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto due = DueEmails(*tx, t0 + 1min, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].record_id, 2);
  EXPECT_EQ(due[1].record_id, 1);
  EXPECT_EQ(DueEmails(*tx, t0 + 1min, 1).size(), 1u);
}

TEST_F(OutboxTest, AClaimIsTakenOnceAndLeasesTheRow) {
  const Instant t0 = At("2026-11-24T09:00:00Z");
  Queue(SampleEmail(1), t0);
  auto tx = store_->Begin(store::TransactionMode::kWrite);
  const auto row = DueEmails(*tx, t0, 10).at(0);
  EXPECT_TRUE(ClaimEmail(*tx, row, t0 + 1s));
  EXPECT_FALSE(ClaimEmail(*tx, row, t0 + 2s));  // a second worker with the same read loses
  EXPECT_TRUE(DueEmails(*tx, t0 + 1min, 10).empty());
  EXPECT_EQ(ListOutbox(*tx, "contact", 1).at(0).next_attempt_at, t0 + 1s + kClaimLease);
  // A worker that died holding the claim: the row is due again when the lease runs out.
  EXPECT_EQ(DueEmails(*tx, t0 + 1s + kClaimLease, 10).size(), 1u);
}

TEST_F(OutboxTest, MarkSentCountsTheAttemptOnce) {
  const Instant t0 = At("2026-11-24T09:00:00Z");
  Queue(SampleEmail(1), t0);
  auto tx = store_->Begin(store::TransactionMode::kWrite);
  const auto id = ListOutbox(*tx, "contact", 1).at(0).id;
  EXPECT_TRUE(MarkSent(*tx, id, t0 + 5s));
  EXPECT_FALSE(MarkSent(*tx, id, t0 + 9s));
  const auto row = ListOutbox(*tx, "contact", 1).at(0);
  EXPECT_EQ(row.sent_at, t0 + 5s);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(RecordFailure(*tx, id, "late failure", t0 + 10s));
}

TEST_F(OutboxTest, FailuresBackOffThenGiveUpAfterTwelveAttempts) {
  Instant now = At("2026-11-24T09:00:00Z");
  Queue(SampleEmail(1), now);
  auto tx = store_->Begin(store::TransactionMode::kWrite);
  const auto id = ListOutbox(*tx, "contact", 1).at(0).id;
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    const auto outcome = RecordFailure(*tx, id, fmt::format("451 busy ({})", attempt), now);
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->attempts, attempt);
    EXPECT_FALSE(outcome->gave_up);
    ASSERT_TRUE(outcome->next_attempt_at);
    EXPECT_EQ(*outcome->next_attempt_at, now + RetryDelay(attempt));
    const auto row = ListOutbox(*tx, "contact", 1).at(0);
    EXPECT_EQ(row.attempts, attempt);
    EXPECT_EQ(row.next_attempt_at, now + RetryDelay(attempt));
    EXPECT_EQ(row.last_error, fmt::format("451 busy ({})", attempt));
    EXPECT_FALSE(row.failed_at);
    now = row.next_attempt_at;
  }
  const auto last = RecordFailure(*tx, id, "451 still busy", now);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->attempts, kMaxAttempts);
  EXPECT_TRUE(last->gave_up);
  EXPECT_FALSE(last->next_attempt_at);
  const auto row = ListOutbox(*tx, "contact", 1).at(0);
  EXPECT_EQ(row.failed_at, now);
  EXPECT_TRUE(DueEmails(*tx, now + 24h, 10).empty());
  const auto failed = ListFailedEmails(*tx);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].last_error, "451 still busy");
  EXPECT_FALSE(RecordFailure(*tx, id, "again", now));
}

TEST_F(OutboxTest, APermanentFailureGivesUpAtOnce) {
  const Instant t0 = At("2026-11-24T09:00:00Z");
  Queue(SampleEmail(1), t0);
  auto tx = store_->Begin(store::TransactionMode::kWrite);
  const auto id = ListOutbox(*tx, "contact", 1).at(0).id;
  const auto outcome = RecordFailure(*tx, id, "The e-mail address contains a line break", t0, true);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->gave_up);
  EXPECT_EQ(outcome->attempts, 1);
  EXPECT_EQ(ListOutbox(*tx, "contact", 1).at(0).failed_at, t0);
}

TEST_F(OutboxTest, LongErrorsAreCutOnACharacterBoundary) {
  const Instant t0 = At("2026-11-24T09:00:00Z");
  Queue(SampleEmail(1), t0);
  std::string error;
  while (error.size() < 2000) error += "£";  // two bytes each
  error = "x" + error;                       // so the 1000-byte cut falls inside a character
  auto tx = store_->Begin(store::TransactionMode::kWrite);
  const auto id = ListOutbox(*tx, "contact", 1).at(0).id;
  RecordFailure(*tx, id, error, t0);
  const auto kept = ListOutbox(*tx, "contact", 1).at(0).last_error;
  EXPECT_LE(kept.size(), 1000u);
  EXPECT_GE(kept.size(), 998u);
  EXPECT_TRUE(kept.ends_with("£"));
}

}  // namespace
}  // namespace fd::notify
