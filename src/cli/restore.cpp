// `frontdoor restore`: see cli/backup.h for the contract.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "cli/backup.h"
#include "cli/database_lock.h"
#include "cli/durable_file.h"
#include "cli/restore_losses.h"
#include "app/context.h"
#include "domain/instant.h"
#include "cli/run_program.h"
#include "store/database_url.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/store.h"

namespace fd::cli {
namespace fs = std::filesystem;
namespace {

bool HasMigrationsTable(store::Store& store) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  const auto rows = store.dialect() == store::Dialect::kSqlite
                        ? tx->Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                    {std::string("schema_migrations")})
                        : tx->Query("SELECT 1 FROM information_schema.tables WHERE table_name = ?",
                                    {std::string("schema_migrations")});
  return !rows.empty();
}

// What the database already holds: its users and its audit events (every change writes one), none
// for a database never migrated. A restore over any of them must be asked for with --force.
struct Held {
  std::int64_t users = 0;
  std::int64_t audit_events = 0;
  bool Any() const { return users + audit_events > 0; }
  // Each count by its name: a sum of the two would mean nothing to the operator reading it.
  std::string Said() const {
    return fmt::format("{} user{} and {} audit event{}", users, users == 1 ? "" : "s", audit_events,
                       audit_events == 1 ? "" : "s");
  }
};

Held RecordsHeld(store::Store& store) {
  if (!HasMigrationsTable(store)) return {};
  auto tx = store.Begin(store::TransactionMode::kRead);
  if (tx->Query("SELECT 1 FROM schema_migrations").empty()) return {};
  const auto row = tx->Query("SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM audit_events)").at(0);
  return {row.Int(0), row.Int(1)};
}

// Every migration the restored database records must be one of ours, under the same name: a backup
// made by a newer frontdoor (or of another program's database) is refused, not half-understood.
std::expected<int, std::string> CheckKnownMigrations(store::Store& store, const std::string& from) {
  if (!HasMigrationsTable(store))
    return std::unexpected(fmt::format("{} is not a frontdoor backup (it has no schema_migrations table)", from));
  auto tx = store.Begin(store::TransactionMode::kRead);
  int newest = 0;
  for (const auto& row : tx->Query("SELECT version, name FROM schema_migrations ORDER BY version")) {
    const auto version = static_cast<int>(row.Int(0));
    const std::string name = row.Text(1);
    bool known = false;
    for (const auto& m : store::AllMigrations()) known = known || (m.version == version && m.name == name);
    if (!known)
      return std::unexpected(fmt::format(
          "{} records migration {:04}_{}, which this frontdoor does not know: restore it with the frontdoor "
          "version that made it",
          from, version, name));
    newest = version;
  }
  if (newest == 0) return std::unexpected(fmt::format("{} is not a frontdoor backup (no migrations applied)", from));
  return newest;
}

// Known migrations, then this program's later ones, then the audit chain. Returns a line to print.
std::expected<std::string, std::string> CheckAndUpgrade(store::Store& store, const std::string& from) {
  auto version = CheckKnownMigrations(store, from);
  if (!version) return std::unexpected(version.error());
  const auto migrated = store::Migrate(store);
  const auto report = audit::Verify(store);
  if (!report.intact)
    return std::unexpected(fmt::format("the audit chain in {} is BROKEN at event {}: {}", from,
                                       report.first_bad_seq.value_or(0), report.problem));
  std::string upgraded;
  if (!migrated.applied.empty()) upgraded = fmt::format(", upgraded to version {}", migrated.to_version);
  return fmt::format("schema version {}{}; audit chain intact ({} events)", *version, upgraded,
                     report.events_checked);
}

// Sessions of other processes on this PostgreSQL database (a frontdoor node keeps its pool open).
std::int64_t OtherConnections(store::Store& store) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx
      ->Query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
              "AND backend_type = 'client backend'")
      .at(0)
      .Int(0);
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) RemoveIfPresent(path + suffix);
}

// The checked copy beside the target, with whatever SQLite left beside it.
struct StagingCopy {
  std::string path;
  ~StagingCopy() { RemoveDatabaseFiles(path); }
};

// A database that cannot be read whole (a damaged disk, bytes overwritten) is what a restore is for:
// with --force it is moved aside, never deleted (its records may be recovered from it), with the
// -wal and -shm beside it renamed alike so the three still open together. Returns the new name.
std::expected<std::string, std::string> MoveAside(const std::string& target, Instant now) {
  std::string stamp = FormatUtc(now);
  std::erase(stamp, ':');
  std::erase(stamp, '-');
  const std::string aside = fmt::format("{}.damaged-{}", target, stamp);
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::error_code ec;
    if (!fs::exists(target + suffix, ec)) continue;
    fs::rename(target + suffix, aside + suffix, ec);
    if (ec) return std::unexpected(fmt::format("cannot move {}{} aside: {}", target, suffix, ec.message()));
  }
  return aside;
}

void PrintLines(std::ostream& out, const std::vector<std::string>& lines) {
  for (const auto& line : lines) out << "  " << line << "\n";
}

int RestoreSqlite(const RestoreRequest& request, const std::string& target) {
  if (auto sound = store::CheckSqliteIntegrity(request.from); !sound) {
    std::cerr << fmt::format("frontdoor: restore refused: {}\n", sound.error());
    return 1;
  }
  std::error_code ec;
  const auto folder = fs::path(target).parent_path();
  if (!folder.empty()) fs::create_directories(folder, ec);
  // Held to the end: no server may start on the database while it is replaced, and none may be
  // running on it (its records would be lost and their numbers issued again).
  auto replacing = LockDatabase(target, LockUse::kReplacing);
  if (!replacing) {
    std::cerr << fmt::format("frontdoor: restore refused: {}{}\nfrontdoor: {} was not changed\n",
                             replacing.error().reason,
                             replacing.error().in_use ? ": stop the service first (every frontdoor serve on it)" : "",
                             target);
    return 1;
  }
  bool existed = fs::exists(target, ec);
  // Check and upgrade a copy beside the target, so a backup that fails a check never touches it.
  const std::string staging = target + ".restoring";
  RemoveDatabaseFiles(staging);
  const StagingCopy staging_copy{staging};  // removed however this function ends
  std::expected<std::string, std::string> checked;
  store::StorePtr staged;
  if (auto copied = store::CopySqliteDatabase(request.from, staging, store::CopyJournal::kWal); !copied) {
    checked = std::unexpected(copied.error());
  } else {
    staged = store::OpenStore("sqlite:" + staging);
    checked = CheckAndUpgrade(*staged, request.from);
  }
  if (!checked) {
    std::cerr << fmt::format("frontdoor: restore refused: {}\nfrontdoor: {} was not changed\n", checked.error(),
                             target);
    return 1;
  }
  // What the database being replaced holds beyond the backup, read before anything is replaced.
  ReferenceCounters counters;
  Losses losses;
  std::string unreadable;  // why the database being replaced cannot be read, when it cannot
  if (existed) {
    if (auto sound = store::CheckSqliteIntegrity(target); !sound) unreadable = sound.error();
    if (unreadable.empty()) {
      try {
        auto existing = store::OpenStore(request.database);
        const auto held = RecordsHeld(*existing);
        counters = ReadReferenceCounters(*existing);
        losses = CompareWithBackup(*existing, *staged);
        if (held.Any() && !request.force) {
          std::cerr << fmt::format(
              "frontdoor: restore refused: {} already holds records ({}); stop the service and add --force to "
              "replace them\n",
              target, held.Said());
          if (losses.Any()) {
            std::cerr << fmt::format("frontdoor: replacing it with {} would lose:\n", request.from);
            PrintLines(std::cerr, losses.Lines());
            std::cerr << "frontdoor: after a forced restore, redo what is listed (docs/operations.md \"Back up and "
                         "restore\")\n";
          } else {
            std::cerr << fmt::format("frontdoor: it holds nothing the backup {} does not\n", request.from);
          }
          return 1;
        }
      } catch (const store::StoreFault& fault) {
        unreadable = fault.what();
      }
    }
    if (!unreadable.empty() && !request.force) {
      std::cerr << fmt::format(
          "frontdoor: restore refused: {} cannot be read ({}): it may be damaged; add --force to move it aside "
          "(kept, not deleted) and restore\nfrontdoor: {} was not changed\n",
          target, unreadable, target);
      return 1;
    }
  }
  const Instant now = app::SystemClock().Now();
  if (losses.Any()) {
    std::cout << fmt::format("replacing {} loses what it recorded after the backup:\n", target);
    PrintLines(std::cout, losses.Lines());
  }
  if (!unreadable.empty()) {
    auto aside = MoveAside(target, now);
    if (!aside) {
      std::cerr << fmt::format("frontdoor: restore failed: {}\n", aside.error());
      return 1;
    }
    existed = false;
    std::cout << fmt::format(
        "{} cannot be read ({}): moved aside to {} (with its -wal and -shm, if any); the references it issued "
        "could not be read: check the last reference e-mailed before taking new contacts\n",
        target, unreadable, *aside);
  }
  // Into the checked copy, before it replaces anything: references continue, no session survives.
  const auto carried = CarryOver(*staged, counters, losses, request.from, !unreadable.empty(), now);
  staged.reset();
  // Through the backup API into the target's own WAL: the target changes in one transaction, and
  // no stale -wal file of the old database can be replayed over the new one (as after a rename).
  auto installed = store::CopySqliteDatabase(staging, target, store::CopyJournal::kWal);
  if (!installed) {
    if (!existed) RemoveDatabaseFiles(target);
    std::cerr << fmt::format("frontdoor: restore failed: {}\nfrontdoor: {} was not changed\n", installed.error(),
                             target);
    return 1;
  }
  auto restored = store::OpenStore(request.database);
  const auto report = audit::Verify(*restored);
  if (!report.intact) {
    std::cerr << fmt::format("frontdoor: restored {}, but its audit chain is BROKEN at event {}: {}\n", target,
                             report.first_bad_seq.value_or(0), report.problem);
    return 1;
  }
  std::cout << fmt::format("restored {} from {}: {}\n", target, request.from, *checked);
  PrintLines(std::cout, carried.Lines());
  if (losses.Any())
    std::cout << "redo what was lost: disable again any leaver listed, make the other account changes again, and "
                 "tell each referrer listed that their reference no longer finds their contact (docs/operations.md "
                 "\"Back up and restore\")\n";
  return 0;
}

// PostgreSQL has no copy to check before replacing, so pg_restore checks the archive first, restores in
// one transaction (all or nothing), and the checks run on the restored database after.
int RestorePostgres(const RestoreRequest& request) {
  const auto held = RecordsHeld(*store::OpenStore(request.database));
  if (held.Any() && !request.force) {
    std::cerr << fmt::format(
        "frontdoor: restore refused: the database already holds records ({}); stop "
        "every node and add --force to replace them\n",
        held.Said());
    return 1;
  }
  // PostgreSQL has no lock file beside it; a running node shows by its open connections. Records in
  // use are what a restore would lose (an empty database just made for the restore may be open).
  if (const auto others = held.Any() ? OtherConnections(*store::OpenStore(request.database)) : 0; others > 0) {
    std::cerr << fmt::format(
        "frontdoor: restore refused: {} other connection{} to the database {} open: stop the service first (every "
        "node), and anything else connected to it\nfrontdoor: the database was not changed\n",
        others, others == 1 ? "" : "s", others == 1 ? "is" : "are");
    return 1;
  }
  // Read before pg_restore replaces them: the references it issued continue, and how far its log ran.
  ReferenceCounters counters;
  std::int64_t replaced_last_event = 0;
  if (held.Any()) {
    auto existing = store::OpenStore(request.database);
    counters = ReadReferenceCounters(*existing);
    replaced_last_event = LastAuditEvent(*existing);
  }
  auto listed = RunProgram({"pg_restore", "--list", "--file=/dev/null", request.from});
  if (!listed || *listed != 0) {
    const std::string why = listed ? std::string() : fmt::format(": {}", listed.error());
    std::cerr << fmt::format("frontdoor: restore refused: {} is not a pg_dump archive pg_restore can read{}\n",
                             request.from, why);
    return 1;
  }
  auto restored = RunProgram(store::LibpqProgramCall(
      "pg_restore",
      {"--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", request.from},
      request.database));
  if (!restored || *restored != 0) {
    std::cerr << fmt::format("frontdoor: restore failed: pg_restore {}; the database was not changed\n",
                             restored ? fmt::format("exited with status {}", *restored) : restored.error());
    return 1;
  }
  // A new connection: statements prepared before pg_restore dropped and remade the tables are stale.
  auto store = store::OpenStore(request.database);
  auto checked = CheckAndUpgrade(*store, request.from);
  if (!checked) {
    std::cerr << fmt::format("frontdoor: restored, but {}\n", checked.error());
    return 1;
  }
  // PostgreSQL keeps no copy of the replaced database to compare record by record: its log's length
  // says how much was lost (the operator finds what in the audit log of a copy, docs/operations.md).
  Losses losses;
  losses.backup_last_event = LastAuditEvent(*store);
  losses.audit_events = std::max<std::int64_t>(0, replaced_last_event - losses.backup_last_event);
  const auto carried = CarryOver(*store, counters, losses, request.from, false, app::SystemClock().Now());
  std::cout << fmt::format("restored the database from {}: {}\n", request.from, *checked);
  if (losses.Any()) PrintLines(std::cout, losses.Lines());
  PrintLines(std::cout, carried.Lines());
  return 0;
}

}  // namespace

int RestoreDatabase(const RestoreRequest& request) {
  std::error_code ec;
  if (request.from.empty() || !fs::is_regular_file(request.from, ec)) {
    std::cerr << fmt::format("frontdoor: restore needs --from FILE, an existing backup (got '{}')\n", request.from);
    return 2;
  }
  const std::string sqlite_path = SqlitePathOf(request.database);
  // The staging copy beside the target, its journal, and a target made new: its owner's alone, as backups are.
  const OwnerOnlyFiles owner_only;
  if (!sqlite_path.empty()) return RestoreSqlite(request, sqlite_path);
  auto store = store::OpenStore(request.database);
  if (store->dialect() == store::Dialect::kPostgres) {
    store.reset();
    return RestorePostgres(request);
  }
  std::cerr << "frontdoor: restore does not know this kind of database\n";
  return 2;
}

}  // namespace fd::cli
