// Group commit for the SQLite store: one flush of the write-ahead log makes durable every commit
// made before it began, and no commit is reported done before a flush that began after it.
//
// SQLite at synchronous=FULL flushes the log inside COMMIT, while the writer still holds the write
// lock, so the next writer waits for the disk too and each commit costs one flush. At
// synchronous=NORMAL, COMMIT only writes the log; the store then takes a ticket for the commit
// (still under its writers' mutex, so tickets follow commit order), lets the next writer in, and
// waits here until a flush covering its ticket has finished. The first waiter to find no flush under
// way runs one for every ticket issued so far; the others wait for it, or for the next.
//
// A failed flush cannot be retried safely (the kernel may have dropped the pages it could not
// write, and a second flush would report success), so the first failure is kept: every waiter
// not yet covered, and every later one, gets StoreFault kUnavailable (503) until the process is
// restarted. docs/decisions.md "Group commit".
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace fd::store {

class GroupSync {
 public:
  // Makes everything written so far durable; returns an error message when it could not.
  using Flush = std::function<std::optional<std::string>()>;

  // A commit has just been written (the caller holds the writers' mutex): its place in the order.
  std::uint64_t Issue();
  // Returns once a flush that began after `ticket` was issued has succeeded; runs that flush itself
  // when none is under way. Throws StoreFault kUnavailable when a flush has failed.
  void WaitDurable(std::uint64_t ticket, const Flush& flush);
  // Throws StoreFault kUnavailable if a flush has ever failed: no new write should begin.
  void ThrowIfFailed() const;

  std::uint64_t flushes() const;  // flushes run so far (each covers one or more commits)
  std::uint64_t issued() const;   // commits so far

 private:
  mutable std::mutex mutex_;
  std::condition_variable flushed_;
  std::uint64_t issued_ = 0;      // GUARDED_BY(mutex_)
  std::uint64_t durable_ = 0;     // GUARDED_BY(mutex_) every ticket up to this one is durable
  bool flushing_ = false;         // GUARDED_BY(mutex_)
  std::uint64_t flushes_ = 0;     // GUARDED_BY(mutex_)
  std::optional<std::string> failure_;  // GUARDED_BY(mutex_)
};

}  // namespace fd::store
