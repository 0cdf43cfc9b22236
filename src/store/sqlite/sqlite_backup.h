// Whole-database copies of a SQLite file, for `frontdoor backup` and `frontdoor restore`.
//
// They use SQLite's online backup API rather than copying bytes: a byte copy of a live WAL database
// can catch a page half-written or miss what is still in the -wal file; the backup API copies the
// pages of one read snapshot, so the copy is consistent while the server keeps writing.
#pragma once

#include <expected>
#include <string>

namespace fd::store {

// Copies every page of the database at `from` (opened read-only, never created) into `to`, in one
// read transaction on `from` (in WAL mode writers carry on meanwhile; the copy holds what was
// committed when it began) and one write transaction on `to` (so `to` changes whole or not at all).
// `to` is created when missing; its old content, if any, is replaced. Returns what went wrong, in
// words, naming the file.
enum class CopyJournal {
  kSingleFile,  // the copy is left one self-contained file (rollback journal): a backup to keep or move
  kWal,         // the copy is left in WAL mode with synchronous=FULL: a live database
};
std::expected<void, std::string> CopySqliteDatabase(const std::string& from, const std::string& to, CopyJournal journal);

// PRAGMA integrity_check on the file at `path` (opened read-only). Returns the first problems
// SQLite reports, or that the file is not a database at all.
std::expected<void, std::string> CheckSqliteIntegrity(const std::string& path);

}  // namespace fd::store
