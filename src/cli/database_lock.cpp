#include "cli/database_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fd::cli {

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

std::expected<DatabaseLock, LockRefusal> LockDatabase(const std::string& database_path, LockUse use) {
  // A file of its own, never the database: closing any other descriptor of the database file would
  // drop SQLite's own (POSIX) locks on it.
  const std::string path = database_path + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0)
    return std::unexpected(LockRefusal{false, fmt::format("cannot open {}: {}", path, std::strerror(errno))});
  DatabaseLock lock(fd);
  const int operation = (use == LockUse::kServing ? LOCK_SH : LOCK_EX) | LOCK_NB;
  while (::flock(fd, operation) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK)
      return std::unexpected(LockRefusal{
          true, use == LockUse::kServing
                    ? fmt::format("{} is being restored (a restore holds {})", database_path, path)
                    : fmt::format("a frontdoor server is running on {} (it holds {})", database_path, path)});
    return std::unexpected(LockRefusal{false, fmt::format("cannot lock {}: {}", path, std::strerror(errno))});
  }
  return lock;
}

}  // namespace fd::cli
