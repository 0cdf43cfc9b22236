#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/contact_records.h"
#include "store/migrations.h"
#include "support/temp_dir.h"

namespace fd::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(dir_.File("test.db"));
    Migrate(*store_);
  }
  testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, MigrateIsIdempotentAndRecordsVersions) {
  const int version = SchemaVersion(*store_);
  EXPECT_EQ(version, AllMigrations().back().version);
  auto again = Migrate(*store_);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.to_version, version);
}

TEST_F(SqliteStoreTest, UsesWalAndFullSync) {
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("PRAGMA journal_mode").at(0).Text(0), "wal");
  EXPECT_EQ(tx->Query("PRAGMA synchronous").at(0).Int(0), 2);  // FULL
  EXPECT_EQ(tx->Query("PRAGMA foreign_keys").at(0).Int(0), 1);
}

TEST_F(SqliteStoreTest, UncommittedTransactionRollsBack) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Ghost team"});
    // destroyed without Commit()
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
}

TEST_F(SqliteStoreTest, CommittedTransactionIsVisibleToANewConnection) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Front Door"});
    tx->Commit();
  }
  SqliteStore other(dir_.File("test.db"));
  auto tx = other.Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT name FROM teams").at(0).Text(0), "Front Door");
}

TEST_F(SqliteStoreTest, BindsParametersSoQuotesAreData) {
  auto tx = store_->Begin(TransactionMode::kWrite);
  const std::string evil = "x'); DROP TABLE teams; --";
  tx->Execute("INSERT INTO teams (name) VALUES (?)", {evil});
  EXPECT_EQ(tx->Query("SELECT name FROM teams WHERE name = ?", {evil}).at(0).Text(0), evil);
}

TEST_F(SqliteStoreTest, ConstraintViolationIsAFaultAndLeavesNothing) {
  auto tx = store_->Begin(TransactionMode::kWrite);
  tx->Execute("INSERT INTO teams (name) VALUES (?)", {"A"});
  try {
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"A"});
    FAIL() << "expected a constraint fault";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.kind(), StoreFault::Kind::kConstraint);
  }
}

TEST_F(SqliteStoreTest, ReferenceNumbersCountPerYearWithoutGaps) {
  auto tx = store_->Begin(TransactionMode::kWrite);
  EXPECT_EQ(NextReferenceNumber(*tx, "FD", 2026), 1);
  EXPECT_EQ(NextReferenceNumber(*tx, "FD", 2026), 2);
  EXPECT_EQ(NextReferenceNumber(*tx, "FD", 2027), 1);
  tx->Commit();
}

TEST_F(SqliteStoreTest, ConcurrentWritersAreSerialisedNotLost) {
  constexpr int kThreads = 4, kEach = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto tx = store_->Begin(TransactionMode::kWrite);
        NextReferenceNumber(*tx, "FD", 2026);
        tx->Commit();
      }
    });
  }
  for (auto& t : threads) t.join();
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT last_value FROM reference_counters WHERE prefix='FD' AND year=2026").at(0).Int(0),
            kThreads * kEach);
}

TEST(OpenStore, RefusesAnUnknownUrl) {
  EXPECT_THROW(OpenStore("mysql://nope"), StoreFault);
}

TEST(OpenStore, FailsClearlyWhenTheFolderIsMissing) {
  EXPECT_THROW(OpenStore("sqlite:/nonexistent-folder/x/y.db"), StoreFault);
}

// A migration line may end "…;  -- comment": every statement must still run, none swallowed.
TEST(Migrations, EveryStatementRunsEvenWithTrailingComments) {
  testing::TempDir dir;
  SqliteStore store(dir.File("m.db"));
  Migrate(store);
  auto tx = store.Begin(TransactionMode::kRead);
  // Columns added by 0004's ALTER TABLE lines, each of which ends in a comment.
  EXPECT_NO_THROW(tx->Query("SELECT channel, form, state, version, urgent, queue, passing_on_concern_of, receipt_code "
                            "FROM contacts"));
  EXPECT_NO_THROW(tx->Query("SELECT nhs_number, role FROM contact_children"));
}

TEST(SqliteStore, TwoStatementsInOneCallAreRefusedNotHalfRun) {
  testing::TempDir dir;
  SqliteStore store(dir.File("two.db"));
  auto tx = store.Begin(TransactionMode::kWrite);
  EXPECT_THROW(tx->Execute("CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER)"), StoreFault);
}

TEST(TranslateSql, SpellsIdentityKeysPerDialect) {
  EXPECT_EQ(TranslateSql("id ID_PRIMARY_KEY,", Dialect::kSqlite), "id INTEGER PRIMARY KEY,");
  EXPECT_NE(TranslateSql("id ID_PRIMARY_KEY,", Dialect::kPostgres).find("IDENTITY"), std::string::npos);
}

}  // namespace
}  // namespace fd::store
