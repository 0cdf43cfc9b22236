// A bounded pool of database connections, each used by one transaction at a time; the SQLite and the
// PostgreSQL stores keep theirs here. A caller takes an idle connection, or opens a new one while
// fewer than the limit are open, or waits; the waits are counted, since a pool too small shows there
// first (/metrics: frontdoor_db_connection_waits_total). A wait has a limit (`[database]
// connection_wait_ms`): past it the caller gets ConnectionWaitExceeded, so a request behind
// transactions that hold every connection is answered 503 instead of waiting as long as they do.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "store/store.h"

namespace fd::store {

template <typename Connection>
class ConnectionPool {
 public:
  // Opens a new connection; throws StoreFault when it cannot.
  using Open = std::function<std::unique_ptr<Connection>()>;

  ConnectionPool(int max_connections, Open open,
                 std::chrono::milliseconds wait_limit = std::chrono::milliseconds{5000})
      : max_(max_connections), wait_limit_(wait_limit), open_(std::move(open)) {}

  struct Taken {
    std::unique_ptr<Connection> connection;
    bool fresh = false;  // opened for this caller, never used before
  };

  // An idle connection, or a new one, opened outside the lock (a failure to open frees its place and
  // is thrown); waits while `max_connections` are open and none is idle, at most `wait_limit`, then
  // throws ConnectionWaitExceeded.
  Taken Acquire() {
    std::unique_lock lock(mutex_);
    if (idle_.empty() && opened_ >= max_) {
      ++waiting_;
      ++waits_total_;
      const auto asked = std::chrono::steady_clock::now();
      const bool free = available_.wait_for(lock, wait_limit_, [&] { return !idle_.empty() || opened_ < max_; });
      waited_ += std::chrono::steady_clock::now() - asked;
      --waiting_;
      if (!free) {
        ++waits_exceeded_;
        throw ConnectionWaitExceeded(wait_limit_);
      }
    }
    if (!idle_.empty()) {
      Taken taken{std::move(idle_.back()), false};
      idle_.pop_back();
      return taken;
    }
    ++opened_;
    lock.unlock();
    try {
      return {open_(), true};
    } catch (...) {
      lock.lock();
      --opened_;
      lock.unlock();
      available_.notify_one();
      throw;
    }
  }

  // Gives a connection back. A null one, or one not `reusable` (broken, or left inside a
  // transaction), is closed instead, outside the lock (closing may wait on the network), and its
  // place freed.
  void Release(std::unique_ptr<Connection> connection, bool reusable = true) {
    std::unique_ptr<Connection> closing;
    {
      std::lock_guard lock(mutex_);
      if (connection && reusable) {
        idle_.push_back(std::move(connection));
      } else {
        closing = std::move(connection);
        --opened_;
      }
    }
    available_.notify_one();
  }

  // The pool's part of the store's figures: its limit, connections open and in use, and waits.
  void Fill(StoreStats& stats) const {
    std::lock_guard lock(mutex_);
    stats.connections_max = max_;
    stats.connections_open = opened_;
    stats.connections_in_use = opened_ - static_cast<std::int64_t>(idle_.size());
    stats.waiting = waiting_;
    stats.waits_total = waits_total_;
    stats.wait_seconds_total = std::chrono::duration<double>(waited_).count();
    stats.waits_exceeded_total = waits_exceeded_;
  }

  std::chrono::milliseconds wait_limit() const { return wait_limit_; }

  // Calls `each(Connection&)` on every idle connection, holding the pool's lock so that no
  // transaction takes one meanwhile.
  template <typename Each>
  void ForEachIdle(Each&& each) const {
    std::lock_guard lock(mutex_);
    for (const auto& c : idle_) each(*c);
  }

 private:
  const int max_;
  const std::chrono::milliseconds wait_limit_;
  const Open open_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mutex_)
  int opened_ = 0;                                 // GUARDED_BY(mutex_) open, idle or in use
  int waiting_ = 0;                                // GUARDED_BY(mutex_)
  std::uint64_t waits_total_ = 0;                  // GUARDED_BY(mutex_)
  std::uint64_t waits_exceeded_ = 0;               // GUARDED_BY(mutex_) waits that ended in 503
  std::chrono::nanoseconds waited_{0};             // GUARDED_BY(mutex_)
};

}  // namespace fd::store
