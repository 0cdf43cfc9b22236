// frontdoor --version and frontdoor version.
#include <iostream>

#include "cli/commands.h"
#include "cli/version_info.h"

namespace fd::cli {
namespace {

std::string VersionLine() { return std::string("frontdoor ") + FD_VERSION + " (commit " + FD_COMMIT + ")"; }

}  // namespace

void AddVersionCommand(CLI::App& app, int& exit_code) {
  app.set_version_flag("--version", VersionLine(), "Print the version and the commit it was built from");
  auto* version = app.add_subcommand("version", "Print the version and the commit it was built from");
  version->callback([&exit_code] {
    std::cout << VersionLine() << "\n";
    exit_code = 0;
  });
}

}  // namespace fd::cli
