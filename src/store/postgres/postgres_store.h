// The PostgreSQL store: several frontdoor nodes on one database. libpq connections in a bounded
// pool, each with its own prepared-statement cache; `?` placeholders rewritten to `$n`; values bound
// with the type they hold. Write transactions take one transaction-scoped advisory lock at BEGIN,
// so writers on every node are serialised from their first statement exactly as SQLite's
// BEGIN IMMEDIATE serialises them on one machine (docs/decisions.md "PostgreSQL writers").
//
// Thread safety: the store is shared by all threads; a connection is used by one transaction at a time.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "store/connection_pool.h"
#include "store/store.h"

namespace fd::store {

class PostgresConnection;

// What a postgresql:// URL says, once frontdoor's own query parameters are taken out of it.
struct PostgresUrl {
  std::string conninfo;  // the URL as libpq reads it, with connect_timeout and TCP keepalives added unless given
  int pool_size = 8;     // ?pool=N: the most connections this node opens
  // ?statement_timeout=N (seconds): the server cancels a statement running longer; the node also
  // gives up on a server that has not answered N + 5 s after it was asked (a hung server enforces
  // nothing). Above any legitimate statement: a large county's year of returns reads in seconds.
  int statement_timeout_s = 30;
  // ?idle_in_transaction_session_timeout=N (seconds): the server ends a session that has begun a
  // transaction and then sent nothing for N seconds (a stopped or stalled node), rolling it back,
  // so the writers' lock it held is free again for every other node.
  int idle_in_transaction_timeout_s = 15;
};

// Splits frontdoor's parameters (pool, statement_timeout, idle_in_transaction_session_timeout) from a
// postgresql:// or postgres:// URL; libpq refuses query parameters it does not know. Throws
// StoreFault (kUnavailable) on a bad value.
PostgresUrl ParsePostgresUrl(const std::string& url);

// Executed as a transaction's first statement, lifts the time limit on the rest of that transaction's
// statements, on the server (statement_timeout) and in the node (its wait for an answer): for
// migrations, whose DDL may rewrite a large table, once.
inline constexpr std::string_view kLiftStatementLimit = "SET LOCAL statement_timeout = 0";

// Rewrites `?` placeholders to `$1`, `$2`, … outside quoted literals, quoted identifiers and comments.
std::string NumberPlaceholders(std::string_view sql);

class PostgresStore final : public Store {
 public:
  // Connects once now so a wrong URL fails at start. Throws StoreFault.
  // A transaction waits at most `connection_wait` for one of the URL's `pool` connections (StoreOptions).
  explicit PostgresStore(const std::string& url,
                         std::chrono::milliseconds connection_wait = std::chrono::milliseconds{5000});
  ~PostgresStore() override;

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override;
  Dialect dialect() const override { return Dialect::kPostgres; }
  // /readyz: true when, within 3 s, the server answers and this node could take the writers' lock
  // within 1 s. On a connection of its own, so a pool busy with requests does not make it wait.
  bool Ping() noexcept override;
  // The libpq pool for /metrics: its size, connections open and in use, and waits for one.
  StoreStats Stats() const noexcept override;

  // Internal: a transaction gives its connection back when it ends; a broken one is closed instead.
  void Release(std::unique_ptr<PostgresConnection> connection);

 private:
  PostgresUrl url_;
  ConnectionPool<PostgresConnection> pool_;
  std::timed_mutex probe_mutex_;                // one readiness probe at a time
  std::unique_ptr<PostgresConnection> probe_;   // GUARDED_BY(probe_mutex_); reopened after a failure
};

}  // namespace fd::store
