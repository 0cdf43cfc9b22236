// A SQLite database file opened directly, behind frontdoor's back. Changed as an attacker or a
// careless hand might: for the tests that check frontdoor notices (a tampered audit chain, a schema
// from a newer version, a register row edited by hand). Counted as an operator with sqlite3 would:
// for the tests of what a `frontdoor` command wrote (a backup, a restore, a seeded register).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace fd::testing {

// Runs `sql` on the file at `path` directly, failing the test if SQLite refuses it.
inline void ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

// The number `sql` (a SELECT COUNT(*) ...) answers on the file at `path`; -1 when it answers no row.
inline std::int64_t CountIn(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  const std::int64_t n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

}  // namespace fd::testing
