// Numbered schema migrations, shipped inside the binary (store/migrations/NNNN_name.sql) and
// applied in order, each in its own transaction, by `frontdoor migrate` and at start.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // portable SQL; see TranslateSql for the few words each dialect spells its own way
};

// Every migration, in version order.
const std::vector<Migration>& AllMigrations();

// Keeps the lines shared by both dialects and those of `dialect`'s own sections, which run from a
// line "-- sqlite:begin" (or "-- postgres:begin") to "-- sqlite:end": for what the dialects write
// wholly differently, such as triggers.
std::string DialectSections(const std::string& sql, Dialect dialect);

// Rewrites the dialect-neutral words of our migrations for `dialect`:
//   ID_PRIMARY_KEY  an auto-assigned 64-bit integer primary key
//   INTEGER, REAL   64 bits on PostgreSQL too (BIGINT, DOUBLE PRECISION), as they are in SQLite
// This is the one place the dialects' DDL differs; record code writes SQL both accept. (And one
// clause: `ALTER TABLE t ADD COLUMN IF NOT EXISTS c …`, which SQLite lacks, is run on SQLite by
// Migrate, which looks for the column itself: so a migration adding a column may run again.)
std::string TranslateSql(const std::string& sql, Dialect dialect);

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // "0001_initial", …
};

// Brings the schema up to the newest version (`up_to`: no further, for a test that builds a database
// as an older frontdoor left it). Refuses (throws StoreFault) a database whose schema is newer than
// this program, rather than run old code against it.
MigrationReport Migrate(Store& store, int up_to = std::numeric_limits<int>::max());
int SchemaVersion(Store& store);

}  // namespace fd::store
