// RULE HCR-22: migration 0064 puts contacts recorded before "an acknowledgement is met when it is
// sent" (docs/decisions.md) on the same footing as new ones: an automatic acknowledgement takes its
// e-mail's sent time, or is no acknowledgement when the e-mail was never sent, and the deadline is
// met by the first acknowledgement left, or open again. A closed duplicate is left alone; the
// migration may run again. On SQLite, and on PostgreSQL in the .postgres copy.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::store {
namespace {

constexpr int kBeforeAcknowledgementsWhenSent = 56;  // before 0063 and 0064, which it then runs
constexpr int kAcknowledgementsWhenSent = 64;
constexpr const char* kQueued = "2026-11-27T10:00:00Z";
constexpr const char* kAutomatic = "Automatic e-mail acknowledgement";

class AcknowledgementMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestStoreOptions options;
    options.migrated_up_to = kBeforeAcknowledgementsWhenSent;
    store_ = std::make_unique<testing::TestStore>(dir_, "old.db", options);
    ASSERT_EQ(SchemaVersion(*store_), kBeforeAcknowledgementsWhenSent);
    auto tx = store_->Begin(TransactionMode::kWrite);
    for (const auto& [id, name] : {std::pair{1, "officer"}, std::pair{2, "olivia"}})
      tx->Execute("INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
                  "VALUES (?, ?, ?, 'contact_officer', 'x', '2026-11-27T09:00:00Z')",
                  {id, name, name});
    tx->Commit();
  }

  // Contact 100 + n, e-mailed, as the older frontdoor left it: the automatic acknowledgement and the
  // met deadline at the time it was queued, and its e-mail in the outbox, sent at `sent_at` or not.
  void QueuedAcknowledgement(std::int64_t n, std::optional<std::string> sent_at) {
    const std::int64_t id = 100 + n;
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO contacts (id, reference, received_at, recorded_by, referrer_type, referrer_anonymous, "
                "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, created_at, "
                "channel, information) VALUES (?, ?, ?, 1, 'police', 0, 'PC Jo Webb', '', "
                "'Hertfordshire Constabulary', '', 'jo.webb@herts.pnn.police.uk', 'A concern', ?, 'email', '{}')",
                {id, "FD-2026-00000" + std::to_string(n), kQueued, kQueued});
    tx->Execute("INSERT INTO contact_acknowledgements (contact_id, method, note, acknowledged_at, acknowledged_by) "
                "VALUES (?, 'email', ?, ?, 1)",
                {id, kAutomatic, kQueued});
    tx->Execute("INSERT INTO deadlines (timescale, rule_id, obligation, record_type, record_id, record_reference, "
                "starts_at, due_at, met_at, met_by, policy_version, created_at) VALUES ('acknowledgement', 'HCR-22', "
                "'Acknowledge', 'contact', ?, ?, ?, '2026-11-30T10:00:00Z', ?, 1, 'herts-2025', ?)",
                {id, "FD-2026-00000" + std::to_string(n), kQueued, kQueued, kQueued});
    tx->Execute("INSERT INTO outbox (idempotency_key, recipient, subject, body, record_type, record_id, purpose, "
                "created_at, next_attempt_at, sent_at, attempts) VALUES (?, 'jo.webb@herts.pnn.police.uk', 'S', 'B', "
                "'contact', ?, 'acknowledgement', ?, ?, ?, ?)",
                {"contact:" + std::to_string(id) + ":acknowledgement", id, kQueued, kQueued,
                 sent_at ? Value(*sent_at) : Value(nullptr), sent_at ? 1 : 3});
    tx->Commit();
  }

  struct Met {
    std::optional<std::string> at;
    std::optional<std::int64_t> by;
  };
  Met DeadlineOf(std::int64_t n) {
    auto tx = store_->Begin(TransactionMode::kRead);
    const auto rows = tx->Query("SELECT met_at, met_by FROM deadlines WHERE record_id = ?", {100 + n});
    EXPECT_EQ(rows.size(), 1u);
    if (rows.empty()) return {};
    Met met{rows[0].OptionalText(0), std::nullopt};
    if (met.at) met.by = rows[0].Int(1);
    return met;
  }
  std::vector<std::string> AcknowledgedAt(std::int64_t n) {
    auto tx = store_->Begin(TransactionMode::kRead);
    std::vector<std::string> out;
    for (const auto& row : tx->Query("SELECT acknowledged_at FROM contact_acknowledgements WHERE contact_id = ? "
                                     "ORDER BY acknowledged_at",
                                     {100 + n}))
      out.push_back(row.Text(0));
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
};

// RULE HCR-22: 1 sent three minutes after it was queued: acknowledged, and met, then. 2 never sent:
// no acknowledgement, the deadline open again. 3 never sent, but the referrer was told on the phone
// later: met by that. 4 never sent, closed as a duplicate of 1: left as it was.
TEST_F(AcknowledgementMigration, HCR22_AnAutomaticAcknowledgementCountsFromItsSentTimeOrNotAtAll) {
  QueuedAcknowledgement(1, "2026-11-27T10:03:00Z");
  QueuedAcknowledgement(2, std::nullopt);
  QueuedAcknowledgement(3, std::nullopt);
  QueuedAcknowledgement(4, std::nullopt);
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO contact_acknowledgements (contact_id, method, note, acknowledged_at, acknowledged_by) "
                "VALUES (103, 'verbal', 'Rang PC Webb', '2026-11-27T15:00:00Z', 2)");
    tx->Execute("INSERT INTO contact_duplicates (contact_id, original_id, reason, shares_child, closed_by, closed_at) "
                "VALUES (104, 101, 'The same e-mail twice', 1, 1, '2026-11-27T11:00:00Z')");
    tx->Commit();
  }

  Migrate(*store_, kAcknowledgementsWhenSent);

  EXPECT_EQ(AcknowledgedAt(1), std::vector<std::string>{"2026-11-27T10:03:00Z"});
  EXPECT_EQ(DeadlineOf(1).at, "2026-11-27T10:03:00Z");
  EXPECT_TRUE(AcknowledgedAt(2).empty());
  EXPECT_FALSE(DeadlineOf(2).at.has_value());
  EXPECT_EQ(AcknowledgedAt(3), std::vector<std::string>{"2026-11-27T15:00:00Z"});
  EXPECT_EQ(DeadlineOf(3).at, "2026-11-27T15:00:00Z");
  EXPECT_EQ(DeadlineOf(3).by, 2);
  EXPECT_EQ(AcknowledgedAt(4), std::vector<std::string>{kQueued});
  EXPECT_EQ(DeadlineOf(4).at, kQueued);

  // Run again (the runner applies what is above the highest version recorded): nothing changes.
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("DELETE FROM schema_migrations WHERE version = 64");
    tx->Commit();
  }
  // Up to its own number: a later migration would otherwise be the highest recorded, and 0064 skipped.
  EXPECT_EQ(Migrate(*store_, kAcknowledgementsWhenSent).applied.size(), 1u);
  EXPECT_EQ(DeadlineOf(1).at, "2026-11-27T10:03:00Z");
  EXPECT_FALSE(DeadlineOf(2).at.has_value());
  EXPECT_EQ(DeadlineOf(3).at, "2026-11-27T15:00:00Z");
  EXPECT_EQ(DeadlineOf(4).at, kQueued);
}

}  // namespace
}  // namespace fd::store
