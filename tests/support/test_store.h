// A fresh, migrated store for one test, on whichever database this copy of the suite runs against:
// an SQLite file in the test's folder, or, in the ".postgres" copies CTest runs (FD_TEST_POSTGRES
// names the file where scripts/test-postgres wrote the server's URL), a new PostgreSQL database
// copied from the migrated template and dropped when the test ends. Copying the template costs a few
// milliseconds; running the migrations per test would cost far more.
#pragma once

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include "store/migrations.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace fd::testing {

// The server's base URL ("postgresql://user@127.0.0.1:PORT/") in the PostgreSQL copies, else "".
inline std::string PostgresBaseUrl() {
  const char* file = std::getenv("FD_TEST_POSTGRES");
  if (!file || !*file) return {};
  std::ifstream in(file);
  std::string url;
  if (!(in >> url)) throw std::runtime_error(std::string("FD_TEST_POSTGRES: cannot read the server's URL from ") + file);
  return url;
}

inline bool OnPostgres() { return !PostgresBaseUrl().empty(); }

// How a test's store is opened, when not as a node opens it by default.
struct TestStoreOptions {
  int pool = 0;  // connections (SQLite's pool, PostgreSQL's ?pool=); 0: the default
  std::chrono::milliseconds connection_wait{5000};  // `[database] connection_wait_ms`
  // Migrated only up to this version, as an older frontdoor left it, for a test of the migrations
  // after it (on PostgreSQL a new empty database, not a copy of the template); 0: every migration.
  int migrated_up_to = 0;
};

class TestStore final : public store::Store {
 public:
  // `file` names the SQLite file in `dir`; on PostgreSQL a database of a unique name is made instead.
  TestStore(const TempDir& dir, const std::string& file, const TestStoreOptions& options = {}) {
    const std::string base = PostgresBaseUrl();
    if (base.empty()) {
      url_ = "sqlite:" + dir.File(file);
    } else {
      static std::atomic<int> counter{0};
      std::random_device rd;
      database_ = "fdt_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
      admin_url_ = base + "postgres";
      Admin("CREATE DATABASE " + database_ + (options.migrated_up_to > 0 ? "" : " TEMPLATE frontdoor_template"));
      url_ = base + database_;
    }
    const std::string pool = options.pool > 0 && !base.empty() ? "?pool=" + std::to_string(options.pool) : "";
    store_ = store::OpenStore(url_ + pool, {.connection_wait = options.connection_wait, .sqlite_connections = options.pool});
    if (options.migrated_up_to > 0) store::Migrate(*store_, options.migrated_up_to);
    else store::Migrate(*store_);
  }
  ~TestStore() override {
    store_.reset();  // every connection closed before the database is dropped
    if (!database_.empty()) {
      try {
        Admin("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
      } catch (...) {
        // The cluster and all its databases go at the end of the run anyway.
      }
    }
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  std::unique_ptr<store::Transaction> Begin(store::TransactionMode mode) override { return store_->Begin(mode); }
  store::Dialect dialect() const override { return store_->dialect(); }
  bool Ping() noexcept override { return store_->Ping(); }
  store::StoreStats Stats() const noexcept override { return store_->Stats(); }

  // The URL another process (build/frontdoor, a second node) opens this same database with.
  const std::string& url() const { return url_; }
  // A second store on this database, as another node or a restarted process would open it.
  store::StorePtr OpenAnother() const { return store::OpenStore(url_); }
  // Runs one statement behind frontdoor's back, committed, as someone with direct database access might.
  void ExecuteDirectly(const std::string& sql) const {
    auto other = OpenAnother();
    auto tx = other->Begin(store::TransactionMode::kWrite);
    tx->Execute(sql);
    tx->Commit();
  }

 private:
  // CREATE and DROP DATABASE cannot run inside a transaction, so not through the Store.
  void Admin(const std::string& sql) const {
    PGconn* conn = PQconnectdb(admin_url_.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PGresult* result = PQexec(conn, sql.c_str());
      if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
      PQclear(result);
    }
    PQfinish(conn);
    if (!error.empty()) throw std::runtime_error("test database: " + sql + ": " + error);
  }

  std::string url_;
  std::string database_;  // PostgreSQL only
  std::string admin_url_;
  store::StorePtr store_;
};

}  // namespace fd::testing
