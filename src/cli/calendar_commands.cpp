#include "cli/commands.h"

namespace fd::cli {
// Filled in by the working calendar work (issue 4).
void AddCalendarCommands(CLI::App&, int&) {}
}  // namespace fd::cli
