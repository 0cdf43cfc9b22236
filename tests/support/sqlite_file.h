// Changes a SQLite database file behind frontdoor's back, as an attacker or a careless hand
// might: for the tests that check frontdoor notices (a tampered audit chain, a schema from a
// newer version, a register row edited by hand).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

namespace fd::testing {

// Runs `sql` on the file at `path` directly, failing the test if SQLite refuses it.
inline void ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

}  // namespace fd::testing
