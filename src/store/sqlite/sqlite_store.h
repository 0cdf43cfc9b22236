// The SQLite store: one file, WAL journal, synchronous=FULL so a committed transaction survives
// power loss, a busy timeout so writers queue rather than fail, and a small pool of connections
// so readers run beside the one writer.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

struct sqlite3;

namespace fd::store {

class SqliteConnection;

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database at `path`. Throws StoreFault when it cannot.
  explicit SqliteStore(std::string path, int max_connections = 8);
  ~SqliteStore() override;

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override;
  Dialect dialect() const override { return Dialect::kSqlite; }
  StoreStats Stats() const noexcept override;

  const std::string& path() const { return path_; }

  // Internal: connections go back to the pool when their transaction ends.
  void Release(std::unique_ptr<SqliteConnection> connection);
  // Internal: time a transaction spent in BEGIN (waiting for the write lock, for a writer).
  void CountBeginWait(std::chrono::nanoseconds waited);

 private:
  std::unique_ptr<SqliteConnection> Acquire();

  std::string path_;
  int max_connections_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;  // GUARDED_BY(mutex_)
  int open_ = 0;                                         // GUARDED_BY(mutex_)
  int waiting_ = 0;                                      // GUARDED_BY(mutex_)
  std::uint64_t waits_total_ = 0;                        // GUARDED_BY(mutex_)
  std::chrono::nanoseconds waited_{0};                   // GUARDED_BY(mutex_)
  std::atomic<std::int64_t> begin_wait_ns_{0};
};

}  // namespace fd::store
