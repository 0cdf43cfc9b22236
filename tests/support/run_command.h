// Runs a command as an operator would at a shell, and collects what it printed and its exit status:
// build/frontdoor's subcommands in the CLI, backup, report and crash tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <optional>
#include <string>

namespace fd::testing {

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal
  std::string output;  // standard output and standard error together
};

// Runs `command_line` through /bin/sh.
inline CommandResult RunShell(const std::string& command_line) {
  CommandResult result;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline const std::string& FrontdoorBinary() {
  static const std::string binary = std::string(FD_BINARY_DIR) + "/frontdoor";
  return binary;
}

// Runs `build/frontdoor ARGS` from the checkout, as an operator runs it, so the default paths
// (config/, policies/, templates/) resolve; `input`, when given, is typed on standard input
// followed by a newline.
inline CommandResult RunFrontdoor(const std::string& args, const std::optional<std::string>& input = std::nullopt) {
  std::string command = "cd '" + std::string(FD_SOURCE_DIR) + "' && ";
  if (input) command += "printf '%s\\n' '" + *input + "' | ";
  return RunShell(command + FrontdoorBinary() + " " + args);
}

}  // namespace fd::testing
