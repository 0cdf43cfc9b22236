// What is particular to the SQLite backend: its pragmas, its file, its URL. What every backend must
// do is in store_contract_test.cpp.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

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

// COMMIT only writes the log (synchronous=NORMAL); the store flushes it before Commit() returns, so
// every write commit is counted and covered by a flush of its own when nothing else is writing.
TEST_F(SqliteStoreTest, UsesWalAndFlushesTheLogBeforeACommitReturns) {
  {
    auto tx = store_->Begin(TransactionMode::kRead);
    EXPECT_EQ(tx->Query("PRAGMA journal_mode").at(0).Text(0), "wal");
    EXPECT_EQ(tx->Query("PRAGMA synchronous").at(0).Int(0), 1);  // NORMAL: the store flushes
    EXPECT_EQ(tx->Query("PRAGMA foreign_keys").at(0).Int(0), 1);
    tx->Commit();  // a read commits nothing and waits for no flush
  }
  const StoreStats before = store_->Stats();
  for (int i = 0; i < 3; ++i) {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)");
    tx->Execute("INSERT INTO t (x) VALUES (?)", {std::int64_t{i}});
    tx->Commit();
    const StoreStats after = store_->Stats();
    EXPECT_EQ(after.commits_total, before.commits_total + i + 1);
    EXPECT_EQ(after.log_flushes_total, before.log_flushes_total + i + 1);
  }
}

// Stats() carries SQLite's memory for /metrics: what it holds, never above the most it has held;
// and per connection of the pool, its page cache and prepared statements, which rise once a
// connection has read a table's pages (2 MB, bigger than any schema, so the rise is not noise).
TEST_F(SqliteStoreTest, StatsCarrySqlitesMemoryAndItRisesAsTheCacheFills) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("CREATE TABLE filler (x TEXT)");
    const std::string row(1000, 'x');
    for (int i = 0; i < 2000; ++i) tx->Execute("INSERT INTO filler (x) VALUES (?)", {row});
    tx->Commit();
  }
  const StoreStats before = store_->Stats();
  ASSERT_TRUE(before.sqlite_memory.has_value());
  const SqliteMemoryStats& b = *before.sqlite_memory;
  EXPECT_GT(b.used_bytes, 0);
  EXPECT_LE(b.used_bytes, b.highwater_bytes);
  EXPECT_GT(b.statements, 0);  // the pragmas, the migrations' and the inserts
  EXPECT_GT(b.statement_bytes, 0);
  EXPECT_LE(b.page_cache_bytes + b.statement_bytes, b.used_bytes);
  {
    // Two transactions at once hold two connections, so at least one is not the writer's, whose
    // cache has the pages already: that one reads every page of the table into its own cache.
    auto one = store_->Begin(TransactionMode::kRead);
    auto two = store_->Begin(TransactionMode::kRead);
    for (auto* tx : {one.get(), two.get()})
      EXPECT_EQ(tx->Query("SELECT count(*) FROM filler WHERE x <> ''").at(0).Int(0), 2000);
  }
  // Both connections idle again, so both are measured.
  const SqliteMemoryStats a = *store_->Stats().sqlite_memory;
  EXPECT_GT(a.used_bytes, b.used_bytes + 1'000'000);
  EXPECT_GT(a.page_cache_bytes, b.page_cache_bytes + 1'000'000);
  EXPECT_GE(a.highwater_bytes, a.used_bytes);
  EXPECT_GE(a.statements, b.statements + 1);  // the count, prepared on the connection that did not have it
}

// Writers of one process queue on the store's own lock rather than SQLite's busy handler (which
// sleeps between tries): every one of several concurrent writers gets its turn and commits.
TEST_F(SqliteStoreTest, ConcurrentWritersOfOneProcessAllCommit) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("CREATE TABLE tally (n INTEGER NOT NULL)");
    tx->Execute("INSERT INTO tally (n) VALUES (0)");
    tx->Commit();
  }
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto tx = store_->Begin(TransactionMode::kWrite);
        const auto n = tx->Query("SELECT n FROM tally").at(0).Int(0);
        tx->Execute("UPDATE tally SET n = ?", {n + 1});  // a lost update would show in the total
        tx->Commit();
      }
    });
  for (auto& w : writers) w.join();
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT n FROM tally").at(0).Int(0), 100);
  // Every commit waited for a flush; never more flushes than commits.
  EXPECT_LE(store_->Stats().log_flushes_total, store_->Stats().commits_total);
}

// A write transaction begun on a thread that already holds one would wait for itself: it fails at
// once with kBusy (as SQLite's busy timeout made it fail after 10 s), and the first one is unharmed.
TEST_F(SqliteStoreTest, AWriteInsideAWriteOnOneThreadFailsAtOnce) {
  auto outer = store_->Begin(TransactionMode::kWrite);
  try {
    store_->Begin(TransactionMode::kWrite);
    ADD_FAILURE() << "the inner write transaction began";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.kind(), StoreFault::Kind::kBusy);
  }
  outer->Execute("CREATE TABLE t (x INTEGER)");
  outer->Commit();
  auto next = store_->Begin(TransactionMode::kWrite);  // the lock was given back
  next->Execute("INSERT INTO t (x) VALUES (1)");
  next->Commit();
}

TEST(OpenStore, RefusesAnUnknownUrl) {
  EXPECT_THROW(OpenStore("mysql://nope"), StoreFault);
}

TEST(OpenStore, FailsClearlyWhenTheFolderIsMissing) {
  EXPECT_THROW(OpenStore("sqlite:/nonexistent-folder/x/y.db"), StoreFault);
}

// Triggers are written wholly differently by each dialect: a migration gives each its own section.
TEST(DialectSections, KeepTheSharedLinesAndTheDialectsOwn) {
  const std::string sql =
      "CREATE TABLE t (a TEXT);\n-- sqlite:begin\nCREATE TRIGGER s;\n-- sqlite:end\n"
      "-- postgres:begin\nCREATE FUNCTION p;\n-- postgres:end\nCREATE INDEX i;\n";
  EXPECT_EQ(DialectSections(sql, Dialect::kSqlite), "CREATE TABLE t (a TEXT);\nCREATE TRIGGER s;\nCREATE INDEX i;\n");
  EXPECT_EQ(DialectSections(sql, Dialect::kPostgres), "CREATE TABLE t (a TEXT);\nCREATE FUNCTION p;\nCREATE INDEX i;\n");
  EXPECT_EQ(DialectSections("SELECT 1;", Dialect::kSqlite), "SELECT 1;");
}

TEST(TranslateSql, SpellsIdentityKeysPerDialect) {
  EXPECT_EQ(TranslateSql("id ID_PRIMARY_KEY,", Dialect::kSqlite), "id INTEGER PRIMARY KEY,");
  EXPECT_NE(TranslateSql("id ID_PRIMARY_KEY,", Dialect::kPostgres).find("IDENTITY"), std::string::npos);
}

// SQLite's INTEGER and REAL are 64 bits; PostgreSQL's are not, so its DDL says so. Only whole words
// outside quotes change.
TEST(TranslateSql, GivesPostgresTheSixtyFourBitTypes) {
  EXPECT_EQ(TranslateSql("a INTEGER, b REAL, c INTEGERS, d TEXT DEFAULT 'INTEGER'", Dialect::kPostgres),
            "a BIGINT, b DOUBLE PRECISION, c INTEGERS, d TEXT DEFAULT 'INTEGER'");
  EXPECT_EQ(TranslateSql("a INTEGER, b REAL", Dialect::kSqlite), "a INTEGER, b REAL");
}

}  // namespace
}  // namespace fd::store
