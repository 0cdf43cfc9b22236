// The store: the one interface every upper layer uses to reach the database.
//
// It is deliberately SQL-shaped (statements with `?` placeholders, rows of four value types) rather
// than a method per query: the record code in store/*_records.* is then written once and runs on
// every backend, and a backend only has to supply connections, transactions and its dialect.
// See docs/decisions.md "Store interface".
//
// Thread safety: a Store is shared by all threads; a Transaction belongs to one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "store/value.h"

namespace fd::store {

// A fault below the application: the database is unreachable, full, corrupt or too busy.
// Never caused by user input; the HTTP edge answers 503 and logs it, and the transaction is rolled back.
class StoreFault : public std::runtime_error {
 public:
  enum class Kind { kUnavailable, kFull, kBusy, kConstraint, kCorrupt };
  StoreFault(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Every connection of the store's pool stayed in use for the whole of the store's wait
// (`[database] connection_wait_ms`): the database is well but this node has more work than
// connections. Answered 503 with Retry-After like any fault, and logged as a warning with the wait,
// not as an error: nothing failed, and the request had written nothing.
class ConnectionWaitExceeded : public StoreFault {
 public:
  explicit ConnectionWaitExceeded(std::chrono::milliseconds waited);
  std::chrono::milliseconds waited() const { return waited_; }

 private:
  std::chrono::milliseconds waited_;
};

enum class Dialect { kSqlite, kPostgres };

// A unit of work. Destroying it without Commit() rolls everything back, so an early return or an
// exception can never leave half a change behind.
class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Runs one statement; `?` placeholders are bound to `params` in order. Returns the rows it
  // produced (SELECT, or INSERT … RETURNING). Throws StoreFault.
  virtual std::vector<Row> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and returns how many rows it changed. Throws StoreFault.
  virtual std::int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Makes the work durable; only after this returns may anything be acknowledged. Throws StoreFault.
  virtual void Commit() = 0;
};

// The memory SQLite holds in this process, for /metrics and the soak (docs/monitoring.md "Memory").
// The statement figures are as last measured: each connection is measured when it is idle at a
// call of Stats() (one in a transaction then keeps its previous figures); the others are now.
struct SqliteMemoryStats {
  std::int64_t used_bytes = 0;        // everything SQLite's allocator holds now
  std::int64_t highwater_bytes = 0;   // the most it has held since the process started
  std::int64_t page_cache_bytes = 0;  // the pool's page caches now (each stops at cache_size)
  std::int64_t statement_bytes = 0;   // the pool's prepared statements
  std::int64_t statements = 0;        // how many statements the pool keeps prepared
};

// How busy the store's connections are, for /metrics (docs/monitoring.md). Each backend fills what
// it has: SQLite its pool of connections and the time spent waiting for one or for the write lock;
// PostgreSQL its libpq pool. A backend with no pool leaves connections_max 0.
struct StoreStats {
  std::int64_t connections_max = 0;     // the pool's size limit
  std::int64_t connections_open = 0;    // opened and not closed
  std::int64_t connections_in_use = 0;  // held by a transaction now (= transactions in progress)
  std::int64_t waiting = 0;             // callers waiting for a connection now
  std::uint64_t waits_total = 0;        // times a caller had to wait for a connection
  double wait_seconds_total = 0;        // time spent waiting for a connection
  std::uint64_t waits_exceeded_total = 0;  // waits that reached connection_wait_ms (answered 503)
  double lock_wait_seconds_total = 0;   // time spent starting transactions (SQLite: the write lock)
  std::uint64_t commits_total = 0;      // write transactions committed (SQLite)
  std::uint64_t log_flushes_total = 0;  // flushes of the log to disk that made them durable (SQLite)
  // SQLite only (sqlite/sqlite_memory.h); absent on other backends, whose caches live in the
  // database server's memory, not this process's.
  std::optional<SqliteMemoryStats> sqlite_memory;
};

enum class TransactionMode {
  kRead,   // a consistent snapshot; no writes
  kWrite,  // serialised with other writers from the first statement, so read-then-write is safe
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::unique_ptr<Transaction> Begin(TransactionMode mode) = 0;
  virtual Dialect dialect() const = 0;
  // A cheap round trip for /readyz. Returns false (never throws) when the database cannot answer.
  virtual bool Ping() noexcept;
  // A snapshot of the figures above; cheap (no query), so /metrics may read it on every scrape.
  virtual StoreStats Stats() const noexcept { return {}; }
};

using StorePtr = std::unique_ptr<Store>;

// How a store opened by OpenStore behaves beyond what its URL says.
struct StoreOptions {
  // How long a transaction waits for a pooled connection before ConnectionWaitExceeded
  // (`[database] connection_wait_ms`): a request then gets 503 rather than waiting without end
  // behind transactions that hold every connection.
  std::chrono::milliseconds connection_wait{5000};
  // Connections per node on SQLite (PostgreSQL's are the URL's `pool`); 0 keeps the default, 8.
  int sqlite_connections = 0;
};

// Opens the store a URL names: "sqlite:PATH" (or a bare path ending in .db), or
// "postgresql://[USER@]HOST[:PORT]/DATABASE[?pool=N&…]" (libpq's URL, plus pool: connections per node).
// Throws StoreFault.
StorePtr OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace fd::store
