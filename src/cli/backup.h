// `frontdoor backup` and `frontdoor restore` (docs/operations.md "Back up and restore").
//
// Backup: SQLite through its online backup API (consistent while the server keeps writing),
// PostgreSQL through `pg_dump --format=custom`. Either way the file is written as FILE.partial,
// flushed to disk and only then renamed to FILE, so a file named FILE is always a whole backup.
//
// Restore: refuses a database that already holds records unless forced; checks the backup's
// integrity and that every migration it records is one this program knows; brings it up to this
// program's schema; verifies the audit chain; only then replaces the database.
#pragma once

#include <string>

namespace fd::cli {

struct BackupRequest {
  std::string database;  // the database URL (sqlite:PATH or postgresql://…)
  std::string out;       // FILE
  bool force = false;    // replace an existing FILE
};

// Returns the exit code: 0 written, 1 failed (nothing left at FILE), 2 bad arguments.
int BackupDatabase(const BackupRequest& request);

struct RestoreRequest {
  std::string database;  // the database to restore into
  std::string from;      // the backup file
  bool force = false;    // replace a database that already holds records
};

// Returns the exit code: 0 restored and verified, 1 refused or failed (the database unchanged unless
// the failure came after it was replaced, which the message says), 2 bad arguments.
int RestoreDatabase(const RestoreRequest& request);

// The file of a SQLite URL ("sqlite:PATH"); empty for any other URL.
std::string SqlitePathOf(const std::string& url);

}  // namespace fd::cli
