// A libpq session of its own on a test's PostgreSQL database, outside frontdoor's store and its
// settings: someone with direct database access, or a node stopped in the middle of a write as the
// server sees it (holding the writers' advisory lock in a transaction it never ends by itself).
#pragma once

#include <libpq-fe.h>
#include <sys/types.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fd::testing {

// The store's writers' lock key (store/postgres/postgres_store.cpp).
inline constexpr const char* kTakeWritersLock = "SELECT pg_advisory_xact_lock(7382365635419778930)";

class RawPostgresSession {
 public:
  explicit RawPostgresSession(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    EXPECT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
  }
  ~RawPostgresSession() { PQfinish(conn_); }
  RawPostgresSession(const RawPostgresSession&) = delete;
  RawPostgresSession& operator=(const RawPostgresSession&) = delete;

  // Runs SQL (several statements allowed); a failure is a test failure. Returns the first column of
  // the last statement's rows.
  std::vector<std::string> Exec(const std::string& sql) {
    std::vector<std::string> values;
    PGresult* result = PQexec(conn_, sql.c_str());
    const auto status = PQresultStatus(result);
    EXPECT_TRUE(status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) << sql << ": " << PQresultErrorMessage(result);
    if (status == PGRES_TUPLES_OK)
      for (int r = 0; r < PQntuples(result); ++r) values.emplace_back(PQgetvalue(result, r, 0));
    PQclear(result);
    return values;
  }
  // Begins a transaction and takes the writers' lock, which it then holds until Exec("ROLLBACK").
  void HoldWritersLock() { Exec(std::string("BEGIN; ") + kTakeWritersLock); }
  // The server processes of the sessions on this database with one of these application_names.
  std::vector<pid_t> Backends(const std::vector<std::string>& application_names) {
    std::vector<pid_t> pids;
    for (const auto& name : application_names) {
      // Test-controlled names; quoted for the literal all the same.
      char* quoted = PQescapeLiteral(conn_, name.c_str(), name.size());
      for (const auto& pid : Exec(std::string("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                              "AND pid <> pg_backend_pid() AND application_name = ") +
                                  quoted))
        pids.push_back(static_cast<pid_t>(std::stol(pid)));
      PQfreemem(quoted);
    }
    return pids;
  }

 private:
  PGconn* conn_;
};

// The same database URL with more query parameters.
inline std::string WithUrlParameters(const std::string& url, const std::string& parameters) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameters;
}

}  // namespace fd::testing
