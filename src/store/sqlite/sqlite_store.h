// The SQLite store: one file, WAL journal, and no commit reported done before the log holding it is
// on disk, so a committed transaction survives power loss (one flush for a group of commits:
// group_sync.h); a small pool of connections so readers run beside the one writer. This process's
// writers queue on a mutex before BEGIN IMMEDIATE; SQLite's busy timeout is left for writers in
// other processes (the CLI), since its busy handler sleeps between tries and leaves the lock idle.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "store/connection_pool.h"
#include "store/sqlite/group_sync.h"
#include "store/sqlite/sqlite_memory.h"
#include "store/store.h"

struct sqlite3;

namespace fd::store {

class SqliteConnection;

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database at `path`. Throws StoreFault when it cannot.
  // A transaction waits at most `connection_wait` for one of the `max_connections` (StoreOptions).
  explicit SqliteStore(std::string path, int max_connections = 8,
                       std::chrono::milliseconds connection_wait = std::chrono::milliseconds{5000});
  ~SqliteStore() override;

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override;
  Dialect dialect() const override { return Dialect::kSqlite; }
  StoreStats Stats() const noexcept override;

  const std::string& path() const { return path_; }

  // Internal: connections go back to the pool when their transaction ends.
  void Release(std::unique_ptr<SqliteConnection> connection);
  // Internal: time a transaction spent in BEGIN (waiting for the write lock, for a writer).
  void CountBeginWait(std::chrono::nanoseconds waited);
  // Internal: waits for this process's other writers to finish (up to the busy timeout, then
  // throws StoreFault kBusy); the write transaction holds the lock until it commits or rolls back.
  std::unique_lock<std::timed_mutex> QueueForWrite();
  void EndWrite(std::unique_lock<std::timed_mutex>& lock);
  // Internal: the flushes of the write-ahead log that make commits durable.
  GroupSync& sync() { return sync_; }

 private:
  std::unique_ptr<SqliteConnection> Open();

  std::string path_;
  // Held for the whole of Stats(), and to add to measured_: one reading of the figures at a time.
  mutable std::mutex stats_mutex_;
  // Every open connection's memory figures, as last measured (Stats()); mutable since measuring
  // idle connections is part of reading the figures.
  mutable std::vector<std::shared_ptr<SqliteConnectionMemory>> measured_;  // GUARDED_BY(stats_mutex_)
  ConnectionPool<SqliteConnection> pool_;
  std::atomic<std::int64_t> begin_wait_ns_{0};
  std::timed_mutex writer_;  // one write transaction of this process at a time
  std::atomic<std::thread::id> writer_thread_;  // the thread holding writer_, if any
  GroupSync sync_;
};

}  // namespace fd::store
