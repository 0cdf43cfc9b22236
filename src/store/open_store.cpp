#include <fmt/format.h>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace fd::store {

ConnectionWaitExceeded::ConnectionWaitExceeded(std::chrono::milliseconds waited)
    : StoreFault(Kind::kBusy, fmt::format("no database connection came free within {} ms: every one was in use",
                                          waited.count())),
      waited_(waited) {}

StorePtr OpenStore(const std::string& url, const StoreOptions& options) {
  if (url.starts_with("sqlite:"))
    return std::make_unique<SqliteStore>(url.substr(7), options.sqlite_connections > 0 ? options.sqlite_connections : 8,
                                         options.connection_wait);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return std::make_unique<PostgresStore>(url, options.connection_wait);
  throw StoreFault(StoreFault::Kind::kUnavailable,
                   fmt::format("unsupported database URL '{}': use sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE", url));
}

}  // namespace fd::store
