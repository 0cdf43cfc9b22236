#include "cli/backup.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/durable_file.h"
#include "cli/run_program.h"
#include "store/database_url.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/store.h"
#include "store/write_health.h"

namespace fd::cli {
namespace fs = std::filesystem;
namespace {

// The half-written file and what SQLite may leave beside it if the copy is cut short.
void RemovePartial(const std::string& partial) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) RemoveIfPresent(partial + suffix);
}

int Failed(const BackupRequest& request, const std::string& partial, const std::string& why) {
  RemovePartial(partial);
  std::cerr << fmt::format("frontdoor: backup failed: {}\nfrontdoor: nothing was written to {}\n", why, request.out);
  return 1;
}

std::expected<void, std::string> CopySqlite(const std::string& database_path, const std::string& partial) {
  if (auto copied = store::CopySqliteDatabase(database_path, partial, store::CopyJournal::kSingleFile); !copied)
    return copied;
  // Read the copy back whole before calling it a backup: a bad sector or a torn write shows now,
  // not on the day it is needed.
  return store::CheckSqliteIntegrity(partial);
}

std::expected<void, std::string> DumpPostgres(const std::string& url, const std::string& partial) {
  // The custom format is compressed, and pg_restore can restore it selectively and in parallel.
  auto status = RunProgram(store::LibpqProgramCall("pg_dump", {"--format=custom", "--file=" + partial}, url));
  if (!status) return std::unexpected(fmt::format("{} (install the postgresql-client package)", status.error()));
  if (*status != 0) return std::unexpected(fmt::format("pg_dump exited with status {}", *status));
  return {};
}

}  // namespace

std::string SqlitePathOf(const std::string& url) {
  if (url.starts_with("sqlite:")) return url.substr(7);
  return {};
}

int BackupDatabase(const BackupRequest& request) {
  if (request.out.empty()) {
    std::cerr << "frontdoor: backup needs --out FILE\n";
    return 2;
  }
  const std::string partial = request.out + ".partial";
  std::error_code ec;
  const std::string sqlite_path = SqlitePathOf(request.database);
  // Opening the store would create an empty SQLite file; a backup of nothing is a mistake to report.
  if (!sqlite_path.empty() && !fs::exists(sqlite_path, ec)) {
    std::cerr << fmt::format("frontdoor: there is no database at {}\n", sqlite_path);
    return 2;
  }
  // Run as a user who cannot write the database, a backup would work today and the restore of it, or
  // the service, would fail on the day: said now, as serve and migrate say it (docs/operations.md).
  if (!sqlite_path.empty()) {
    for (const std::string& file : {sqlite_path, sqlite_path + "-wal"}) {
      if (!fs::exists(file, ec) || ::access(file.c_str(), R_OK | W_OK) == 0) continue;
      std::cerr << fmt::format(
          "frontdoor: backup refused: the database file {} cannot be written by this user: run frontdoor as the "
          "user that owns it (the service's user, e.g. sudo -u frontdoor), or correct its permissions ({})\n",
          file, std::strerror(errno));
      return 1;
    }
  }
  if (!sqlite_path.empty() && fs::exists(request.out, ec) && fs::equivalent(request.out, sqlite_path, ec)) {
    std::cerr << fmt::format("frontdoor: {} is the database itself; write the backup somewhere else\n", request.out);
    return 2;
  }
  if (fs::exists(request.out, ec) && !request.force) {
    std::cerr << fmt::format("frontdoor: {} already exists; choose a new name, or --force to replace it\n",
                             request.out);
    return 1;
  }
  RemovePartial(partial);  // left by an earlier attempt that was cut short
  const OwnerOnlyFiles owner_only;  // the copy, SQLite's journal beside it, pg_dump's file

  // A SQLite database is copied from its file, never opened as a store (that would write to it);
  // any other URL is opened to learn its dialect.
  store::Dialect dialect = store::Dialect::kSqlite;
  if (sqlite_path.empty()) {
    try {
      auto store = store::OpenStore(request.database);
      dialect = store->dialect();
      store::CheckWritable(*store);  // a user who cannot write it is refused, as serve and migrate refuse one
    } catch (const store::StoreFault& fault) {
      return Failed(request, partial, fault.what());
    }
  }
  std::expected<void, std::string> written;
  switch (dialect) {
    case store::Dialect::kSqlite:
      written = CopySqlite(sqlite_path, partial);
      break;
    case store::Dialect::kPostgres:
      written = DumpPostgres(request.database, partial);
      break;
  }
  if (!written) return Failed(request, partial, written.error());
  if (auto synced = SyncFile(partial); !synced) return Failed(request, partial, synced.error());
  if (auto renamed = RenameDurably(partial, request.out); !renamed) return Failed(request, partial, renamed.error());
  std::cout << fmt::format("backup written: {} ({} bytes)\n", request.out, fs::file_size(request.out, ec));
  return 0;
}

}  // namespace fd::cli
