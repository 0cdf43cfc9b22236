// frontdoor: the one program. `frontdoor --help` lists the commands; docs/operations.md explains them.
#include <iostream>

#include "cli/commands.h"
#include "cli/database_choice.h"
#include "store/store.h"

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
  fd::cli::AddVersionCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Bad arguments exit 2 (a contract for scripts), help exits 0.
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const fd::store::StoreFault& fault) {
    // A database that is down, read-only or newer than this program: said plainly, naming the
    // setting, from every command (they used to abort with "terminate called…", exit 134).
    std::cerr << fd::cli::ExplainStoreFault(fault) << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "frontdoor: " << e.what() << "\n";
    return 1;
  }
  return exit_code;
}
