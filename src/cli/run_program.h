// Runs another program (pg_dump, pg_restore) without a shell, so nothing in a database URL or file
// name can be read as shell syntax. Its standard output and error go to ours.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "store/database_url.h"

namespace fd::cli {

// Runs argv[0] (looked up on PATH) with the given arguments and waits for it. Returns its exit
// status, or the reason it could not be run at all (not installed, killed by a signal).
std::expected<int, std::string> RunProgram(const std::vector<std::string>& argv);

// The same, the child's environment being ours with `call.environment` (NAME=value) added or
// replacing ours: a password given this way is seen by that process alone, never on its command line.
std::expected<int, std::string> RunProgram(const store::ProgramCall& call);

}  // namespace fd::cli
