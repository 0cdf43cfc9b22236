// A lock file beside a SQLite database (PATH.lock) that says a server is using it: every
// `frontdoor serve` on the database holds it shared for as long as it runs, and `restore` takes it
// exclusively, so a restore refuses while a server would go on writing to (and numbering records
// in) the database it replaces. flock(2) locks go with the process, so a server that crashed or
// was killed holds nothing.
#pragma once

#include <expected>
#include <string>

namespace fd::cli {

class DatabaseLock {
 public:
  DatabaseLock() = default;
  explicit DatabaseLock(int fd) : fd_(fd) {}
  ~DatabaseLock();
  DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  int fd_ = -1;
};

enum class LockUse {
  kServing,    // shared: several servers (or a restarted one beside a stopping one) may serve at once
  kReplacing,  // exclusive: no server may be running
};

struct LockRefusal {
  bool in_use = false;  // another process holds the lock (not: the lock file could not be opened)
  std::string reason;
};

// Takes the lock of the SQLite database at `database_path` without waiting.
std::expected<DatabaseLock, LockRefusal> LockDatabase(const std::string& database_path, LockUse use);

}  // namespace fd::cli
