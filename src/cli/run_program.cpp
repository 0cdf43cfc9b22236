#include "cli/run_program.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace fd::cli {

std::expected<int, std::string> RunProgram(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
  if (rc != 0) return std::unexpected(fmt::format("cannot run {}: {}", argv[0], std::strerror(rc)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return std::unexpected(fmt::format("lost track of {}: {}", argv[0], std::strerror(errno)));
  }
  if (WIFSIGNALED(status)) return std::unexpected(fmt::format("{} was killed by signal {}", argv[0], WTERMSIG(status)));
  return WEXITSTATUS(status);
}

}  // namespace fd::cli
