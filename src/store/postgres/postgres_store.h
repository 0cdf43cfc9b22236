// The PostgreSQL store: several frontdoor nodes on one database. libpq connections in a bounded
// pool, each with its own prepared-statement cache; `?` placeholders rewritten to `$n`; values bound
// with the type they hold. Write transactions take one transaction-scoped advisory lock at BEGIN,
// so writers on every node are serialised from their first statement exactly as SQLite's
// BEGIN IMMEDIATE serialises them on one machine (docs/decisions.md "PostgreSQL writers").
//
// Thread safety: the store is shared by all threads; a connection is used by one transaction at a time.
#pragma once

#include <memory>
#include <string>

#include "store/connection_pool.h"
#include "store/store.h"

namespace fd::store {

class PostgresConnection;

// What a postgresql:// URL says, once frontdoor's own query parameters are taken out of it.
struct PostgresUrl {
  std::string conninfo;  // the URL as libpq reads it
  int pool_size = 8;     // ?pool=N: the most connections this node opens
};

// Splits frontdoor's parameters (pool) from a postgresql:// or postgres:// URL; libpq refuses query
// parameters it does not know. Throws StoreFault (kUnavailable) on a bad pool size.
PostgresUrl ParsePostgresUrl(const std::string& url);

// Rewrites `?` placeholders to `$1`, `$2`, … outside quoted literals, quoted identifiers and comments.
std::string NumberPlaceholders(std::string_view sql);

class PostgresStore final : public Store {
 public:
  // Connects once now so a wrong URL fails at start. Throws StoreFault.
  explicit PostgresStore(const std::string& url);
  ~PostgresStore() override;

  std::unique_ptr<Transaction> Begin(TransactionMode mode) override;
  Dialect dialect() const override { return Dialect::kPostgres; }
  // The libpq pool for /metrics: its size, connections open and in use, and waits for one.
  StoreStats Stats() const noexcept override;

  // Internal: a transaction gives its connection back when it ends; a broken one is closed instead.
  void Release(std::unique_ptr<PostgresConnection> connection);

 private:
  PostgresUrl url_;
  ConnectionPool<PostgresConnection> pool_;
};

}  // namespace fd::store
