#include "cli/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace fd::cli {
namespace {

std::expected<void, std::string> SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return std::unexpected(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0) return std::unexpected(fmt::format("cannot flush {} to disk: {}", path, std::strerror(saved)));
  return {};
}

}  // namespace

std::expected<void, std::string> SyncFile(const std::string& path) { return SyncPath(path, O_RDONLY); }

std::expected<void, std::string> RenameDurably(const std::string& from, const std::string& to) {
  std::error_code ec;
  std::filesystem::rename(from, to, ec);
  if (ec) return std::unexpected(fmt::format("cannot rename {} to {}: {}", from, to, ec.message()));
  const auto parent = std::filesystem::path(to).parent_path();
  return SyncPath(parent.empty() ? std::string(".") : parent.string(), O_RDONLY | O_DIRECTORY);
}

void RemoveIfPresent(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

}  // namespace fd::cli
