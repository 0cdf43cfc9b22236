// backup, restore: the CLI wiring; the work is in cli/backup.h.
#include <iostream>

#include "cli/backup.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/database_choice.h"
#include "store/store.h"

namespace fd::cli {
namespace {

struct Options {
  std::string config_path;
  std::string database;
  std::string file;
  bool force = false;
};

void AddDatabaseOptions(CLI::App* command, Options& options) {
  command->add_option("--config", options.config_path, "Configuration file (TOML); its [database] url is used");
  command->add_option("--database", options.database, "Database URL, overriding the file's: sqlite:PATH or postgresql://…");
}

// The database URL from the file and the command line; empty (having said why) on a bad file.
std::string DatabaseUrl(const Options& options) {
  auto config = LoadConfig(options.config_path);
  if (!config) {
    std::cerr << "frontdoor: " << config.error() << "\n";
    return {};
  }
  auto chosen = ChooseDatabase(options.database, *config, options.config_path);
  if (!chosen) {
    std::cerr << "frontdoor: " << chosen.error() << "\n";
    return {};
  }
  return chosen->url;
}

// A store fault (disk, permissions, database down) is reported, not thrown out of main.
template <typename Work>
int Guarded(Work work) {
  try {
    return work();
  } catch (const store::StoreFault& fault) {
    std::cerr << ExplainStoreFault(fault) << "\n";
    return 1;
  }
}

}  // namespace

void AddBackupCommands(CLI::App& app, int& exit_code) {
  static Options backup_options, restore_options;

  auto* backup = app.add_subcommand("backup", "Write a consistent backup of the database to a file, while it runs");
  AddDatabaseOptions(backup, backup_options);
  backup->add_option("--out", backup_options.file, "The backup file to write")->required();
  backup->add_flag("--force", backup_options.force, "Replace FILE if it already exists");
  backup->footer(
      "SQLite: the online backup API copies one consistent snapshot while the server keeps writing;\n"
      "the copy is one self-contained SQLite file. PostgreSQL: pg_dump --format=custom (needs\n"
      "postgresql-client). The backup is written to FILE.partial, checked, flushed to disk and only\n"
      "then renamed to FILE: a file named FILE is always a whole backup. Exit 0 written, 1 failed\n"
      "(nothing left at FILE), 2 bad arguments. Run it as the user the service runs as.");
  backup->callback([&exit_code] {
    exit_code = Guarded([] {
      const std::string url = DatabaseUrl(backup_options);
      if (url.empty()) return 2;
      return BackupDatabase({url, backup_options.file, backup_options.force});
    });
  });

  auto* restore = app.add_subcommand("restore", "Replace the database with a backup, after checking the backup");
  AddDatabaseOptions(restore, restore_options);
  restore->add_option("--from", restore_options.file, "The backup file (from frontdoor backup)")->required();
  restore->add_flag("--force", restore_options.force, "Replace a database that already holds records");
  restore->footer(
      "Stop the service (every node) first. Refuses a database that already holds records unless\n"
      "--force. Checks the backup's integrity (SQLite: PRAGMA integrity_check) and that every\n"
      "migration it records is known to this frontdoor, applies this frontdoor's later migrations,\n"
      "and verifies the audit chain; a SQLite database is replaced only when all of that passed.\n"
      "PostgreSQL: pg_restore in one transaction, then the same checks. Exit 0 restored and\n"
      "verified, 1 refused or failed, 2 bad arguments.");
  restore->callback([&exit_code] {
    exit_code = Guarded([] {
      const std::string url = DatabaseUrl(restore_options);
      if (url.empty()) return 2;
      return RestoreDatabase({url, restore_options.file, restore_options.force});
    });
  });
}

}  // namespace fd::cli
