#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::audit {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::TestStore>(dir_, "audit.db");
    store::Migrate(*store_);
    for (int i = 1; i <= 5; ++i) {
      auto tx = store_->Begin(store::TransactionMode::kWrite);
      Append(*tx, {Instant{std::chrono::seconds{1'700'000'000 + i}}, 7, "worker", "contact.created", "contact",
                   std::to_string(i), {{"concern", "text " + std::to_string(i)}}});
      tx->Commit();
    }
  }

  // Changes the database directly, as someone with access to its file or server might, bypassing
  // frontdoor's audit code.
  void Tamper(const std::string& sql) { store_->ExecuteDirectly(sql); }

  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
};

TEST_F(AuditLogTest, AnIntactLogVerifies) {
  auto report = Verify(*store_);
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.events_checked, 5);
}

TEST_F(AuditLogTest, EachEventChainsToThePrevious) {
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT prev_hash, hash FROM audit_events ORDER BY seq");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].Text(0), std::string(64, '0'));
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].Text(0), rows[i - 1].Text(1));
}

TEST_F(AuditLogTest, AnEditedEventIsFound) {
  Tamper("UPDATE audit_events SET changes = '{\"concern\":\"rewritten\"}' WHERE seq = 3");
  auto report = Verify(*store_);
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_seq, 3);
}

TEST_F(AuditLogTest, AnEditedActorIsFound) {
  Tamper("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2");
  EXPECT_EQ(Verify(*store_).first_bad_seq, 2);
}

TEST_F(AuditLogTest, ADeletedEventIsFound) {
  Tamper("DELETE FROM audit_events WHERE seq = 4");
  auto report = Verify(*store_);
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_seq, 4);
}

TEST_F(AuditLogTest, DeletingTheLastEventsIsFound) {
  Tamper("DELETE FROM audit_events WHERE seq >= 4");
  auto report = Verify(*store_);
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_seq, 4);
}

TEST_F(AuditLogTest, ARecomputedHashStillBreaksTheNextLink) {
  // Someone rewrites event 2 and recomputes its own hash: event 3 no longer follows from it.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto row = tx->Query("SELECT seq, at, actor_id, actor, action, record_type, record_id, prev_hash "
                       "FROM audit_events WHERE seq = 2")
                 .at(0);
  tx.reset();
  const std::string changes = "{\"concern\":\"forged\"}";
  const std::string changes_hash = Sha256Hex(changes);
  const std::string forged =
      Sha256Hex(row.Text(7) + CanonicalEvent(2, row.Text(1), row.OptionalInt(2), row.Text(3), row.Text(4), row.Text(5),
                                             row.Text(6), changes, changes_hash));
  Tamper("UPDATE audit_events SET changes = '" + changes + "', changes_hash = '" + changes_hash + "', hash = '" +
         forged + "' WHERE seq = 2");
  auto report = Verify(*store_);
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_seq, 3);
}

TEST_F(AuditLogTest, AnEditedPayloadIsFoundThoughTheChainCoversOnlyItsHash) {
  Tamper("UPDATE audit_events SET changes = '{\"concern\":\"edited\"}' WHERE seq = 3");
  auto report = Verify(*store_);
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_seq, 3);
}

// Retention (issue 8 point 5): purging a record erases its events' payloads and the chain still
// verifies, each erasure traced to the purge event.
TEST_F(AuditLogTest, PayloadsErasedByARetentionPurgeStillVerify) {
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    const auto purge = Append(*tx, {Instant{std::chrono::seconds{1'800'000'000}}, std::nullopt, "system",
                                    "retention.purged", "contact", "2", {{"class", "contact-no-further-action"}}});
    const auto erasure = ErasePayloads(*tx, "contact", "2", purge);
    EXPECT_EQ(erasure.erased, 1);
    EXPECT_EQ(erasure.kept, 0);
    tx->Commit();
  }
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT changes FROM audit_events WHERE seq = 2").at(0).Text(0), "{}");
  EXPECT_EQ(tx->Query("SELECT changes FROM audit_events WHERE seq = 6").at(0).Text(0),
            "{\"class\":\"contact-no-further-action\"}");  // the purge event itself keeps its payload
  tx.reset();
  auto report = Verify(*store_);
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.events_checked, 6);
  EXPECT_EQ(report.events_erased, 1);
}

TEST_F(AuditLogTest, APayloadErasedWithoutAPurgeIsFound) {
  // Someone blanks event 2 and points it at an event that is not a purge of contact 2.
  Tamper("UPDATE audit_events SET changes = '{}', erased_by = 4 WHERE seq = 2");
  auto report = Verify(*store_);
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_seq, 2);
  EXPECT_NE(report.problem.find("erased without a retention purge"), std::string::npos);
}

TEST_F(AuditLogTest, EventsFromBeforeErasableAuditKeepTheirPayload) {
  // An event written before migration 0014 has no changes_hash: its hash covers the payload.
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    auto head = tx->Query("SELECT seq, hash FROM audit_head WHERE id = 1").at(0);
    const std::int64_t seq = head.Int(0) + 1;
    const std::string at = "2027-01-01T00:00:00Z", changes = "{\"concern\":\"old\"}";
    const std::string hash =
        Sha256Hex(head.Text(1) + CanonicalEvent(seq, at, 7, "worker", "contact.created", "contact", "9", changes));
    tx->Execute("INSERT INTO audit_events (seq, at, actor_id, actor, action, record_type, record_id, changes, "
                "prev_hash, hash) VALUES (?, ?, 7, 'worker', 'contact.created', 'contact', '9', ?, ?, ?)",
                {seq, at, changes, head.Text(1), hash});
    tx->Execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {seq, hash});
    const auto purge = Append(*tx, {Instant{std::chrono::seconds{1'800'000'000}}, std::nullopt, "system",
                                    "retention.purged", "contact", "9", {}});
    const auto erasure = ErasePayloads(*tx, "contact", "9", purge);
    EXPECT_EQ(erasure.erased, 0);
    EXPECT_EQ(erasure.kept, 1);
    tx->Commit();
  }
  auto report = Verify(*store_);
  EXPECT_TRUE(report.intact) << report.problem;
}

TEST_F(AuditLogTest, AnEventRolledBackWithItsChangeLeavesNoTrace) {
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    Append(*tx, {Instant{}, 7, "worker", "contact.created", "contact", "99", {}});
  }
  auto report = Verify(*store_);
  EXPECT_TRUE(report.intact);
  EXPECT_EQ(report.events_checked, 5);
}

}  // namespace
}  // namespace fd::audit
