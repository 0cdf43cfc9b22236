#include <fmt/format.h>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace fd::store {

StorePtr OpenStore(const std::string& url) {
  if (url.starts_with("sqlite:")) return std::make_unique<SqliteStore>(url.substr(7));
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return std::make_unique<PostgresStore>(url);
  throw StoreFault(StoreFault::Kind::kUnavailable,
                   fmt::format("unsupported database URL '{}': use sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE", url));
}

}  // namespace fd::store
