// audit verify.
#include <iostream>

#include "audit/audit_log.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "store/store.h"

namespace fd::cli {

void AddAuditCommands(CLI::App& app, int& exit_code) {
  static std::string config_path, database;
  auto* audit = app.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the audit log's hash chain: exit 0 intact, 1 broken");
  verify->add_option("--config", config_path, "Configuration file (TOML)");
  verify->add_option("--database", database, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
  verify->callback([&exit_code] {
    auto config = LoadConfig(config_path);
    if (!config) {
      std::cerr << "frontdoor: " << config.error() << "\n";
      exit_code = 2;
      return;
    }
    if (!database.empty()) config->database = database;
    auto store = store::OpenStore(config->database);
    const auto report = audit::Verify(*store);
    if (report.intact) {
      std::cout << "audit log intact: " << report.events_checked << " events verified\n";
      exit_code = 0;
    } else {
      std::cout << "audit log BROKEN at event " << *report.first_bad_seq << ": " << report.problem << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace fd::cli
