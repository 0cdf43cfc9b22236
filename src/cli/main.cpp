// frontdoor: the one program. `frontdoor --help` lists the commands; docs/operations.md explains them.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"frontdoor: the children's services front door"};
  app.require_subcommand(1);
  int exit_code = 0;
  fd::cli::AddServeCommands(app, exit_code);
  fd::cli::AddAuditCommands(app, exit_code);
  fd::cli::AddPolicyCommands(app, exit_code);
  fd::cli::AddCalendarCommands(app, exit_code);
  fd::cli::AddUserCommands(app, exit_code);
  fd::cli::AddTokenCommands(app, exit_code);
  fd::cli::AddRetentionCommands(app, exit_code);
  fd::cli::AddReportCommands(app, exit_code);
  fd::cli::AddBackupCommands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Bad arguments exit 2 (a contract for scripts), help exits 0.
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
