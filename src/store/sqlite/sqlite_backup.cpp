#include "store/sqlite/sqlite_backup.h"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

namespace fd::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;

// An open handle that closes itself; the message of a failed open names the file.
class Handle {
 public:
  Handle(const std::string& path, int flags) {
    rc_ = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc_ == SQLITE_OK) {
      sqlite3_extended_result_codes(db_, 1);
      sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    }
  }
  ~Handle() { sqlite3_close_v2(db_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  // SQLite's message, with the operating system's reason when there is one ("disk I/O error (File
  // too large)"), which is what an operator can act on.
  std::string error() const {
    if (!db_) return sqlite3_errstr(rc_);
    const int os_error = sqlite3_system_errno(db_);
    if (os_error == 0) return sqlite3_errmsg(db_);
    return fmt::format("{} ({})", sqlite3_errmsg(db_), std::strerror(os_error));
  }
  sqlite3* get() { return db_; }

  // Runs a statement that returns nothing we need; the error in words on failure.
  std::expected<void, std::string> Exec(const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    if (rc != SQLITE_OK) return std::unexpected(text);
    return {};
  }

 private:
  sqlite3* db_ = nullptr;
  int rc_ = SQLITE_OK;
};

}  // namespace

std::expected<void, std::string> CopySqliteDatabase(const std::string& from, const std::string& to,
                                                    CopyJournal journal) {
  Handle source(from, SQLITE_OPEN_READONLY);
  if (!source.ok()) return std::unexpected(fmt::format("cannot open {}: {}", from, source.error()));
  Handle dest(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dest.ok()) return std::unexpected(fmt::format("cannot create {}: {}", to, dest.error()));
  if (journal == CopyJournal::kWal) {
    // Set before the copy, so the copy is written through the live database's own WAL and a
    // connection of the running server never sees it half-replaced.
    if (auto done = dest.Exec("PRAGMA journal_mode=WAL"); !done)
      return std::unexpected(fmt::format("cannot write {}: {}", to, done.error()));
    if (auto done = dest.Exec("PRAGMA synchronous=FULL"); !done)
      return std::unexpected(fmt::format("cannot write {}: {}", to, done.error()));
  }

  sqlite3_backup* backup = sqlite3_backup_init(dest.get(), "main", source.get(), "main");
  if (!backup) return std::unexpected(fmt::format("cannot copy {} to {}: {}", from, to, dest.error()));
  // All pages in one step: one read snapshot of the source. Copying in slices would restart from
  // the beginning each time the server commits, and under steady writes might never finish.
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    // sqlite3_backup_step leaves its error, from either side, on the destination's handle.
    return std::unexpected(fmt::format("cannot copy {} to {}: {}", from, to, dest.error()));
  }
  if (finish != SQLITE_OK) return std::unexpected(fmt::format("cannot write {}: {}", to, dest.error()));
  if (journal == CopyJournal::kSingleFile) {
    // The copied header says WAL when the source was; a backup must be one file that opens alone.
    if (auto done = dest.Exec("PRAGMA journal_mode=DELETE"); !done)
      return std::unexpected(fmt::format("cannot write {}: {}", to, done.error()));
  }
  return {};
}

std::expected<void, std::string> CheckSqliteIntegrity(const std::string& path) {
  Handle db(path, SQLITE_OPEN_READONLY);
  if (!db.ok()) return std::unexpected(fmt::format("cannot open {}: {}", path, db.error()));
  sqlite3_stmt* stmt = nullptr;
  // At most ten problems: enough to say what is wrong without flooding the terminal.
  if (sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check(10)", -1, &stmt, nullptr) != SQLITE_OK)
    return std::unexpected(fmt::format("{} is not a SQLite database: {}", path, db.error()));
  std::string problems;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    const std::string line = text ? text : "";
    if (line == "ok") continue;
    if (!problems.empty()) problems.append("; ");
    problems.append(line);
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return std::unexpected(fmt::format("{} is not a sound SQLite database: {}", path, db.error()));
  if (!problems.empty()) return std::unexpected(fmt::format("{} failed its integrity check: {}", path, problems));
  return {};
}

}  // namespace fd::store
