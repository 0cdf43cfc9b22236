#include "cli/commands.h"

namespace fd::cli {
// Filled in by the policy pack work (issue 4).
void AddPolicyCommands(CLI::App&, int&) {}
}  // namespace fd::cli
