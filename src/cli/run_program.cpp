#include "cli/run_program.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace fd::cli {

std::expected<int, std::string> RunProgram(const std::vector<std::string>& argv) {
  return RunProgram(store::ProgramCall{.argv = argv, .environment = {}});
}

std::expected<int, std::string> RunProgram(const store::ProgramCall& call) {
  const auto& argv = call.argv;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // Ours, less any variable the call sets, then the call's.
  std::vector<char*> environment;
  for (char** e = environ; *e; ++e) {
    const std::string_view entry(*e);
    bool replaced = false;
    for (const auto& added : call.environment) {
      const auto name = std::string_view(added).substr(0, added.find('=') + 1);
      replaced = replaced || entry.starts_with(name);
    }
    if (!replaced) environment.push_back(*e);
  }
  for (const auto& added : call.environment) environment.push_back(const_cast<char*>(added.c_str()));
  environment.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environment.data());
  if (rc != 0) return std::unexpected(fmt::format("cannot run {}: {}", argv[0], std::strerror(rc)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return std::unexpected(fmt::format("lost track of {}: {}", argv[0], std::strerror(errno)));
  }
  if (WIFSIGNALED(status)) return std::unexpected(fmt::format("{} was killed by signal {}", argv[0], WTERMSIG(status)));
  return WEXITSTATUS(status);
}

}  // namespace fd::cli
