// What is particular to the SQLite backend: its pragmas, its file, its URL. What every backend must
// do is in store_contract_test.cpp.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

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

TEST_F(SqliteStoreTest, UsesWalAndFullSync) {
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("PRAGMA journal_mode").at(0).Text(0), "wal");
  EXPECT_EQ(tx->Query("PRAGMA synchronous").at(0).Int(0), 2);  // FULL
  EXPECT_EQ(tx->Query("PRAGMA foreign_keys").at(0).Int(0), 1);
}

TEST(OpenStore, RefusesAnUnknownUrl) {
  EXPECT_THROW(OpenStore("mysql://nope"), StoreFault);
}

TEST(OpenStore, FailsClearlyWhenTheFolderIsMissing) {
  EXPECT_THROW(OpenStore("sqlite:/nonexistent-folder/x/y.db"), StoreFault);
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
