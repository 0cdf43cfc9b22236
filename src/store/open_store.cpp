#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace fd::store {

StorePtr OpenStore(const std::string& url) {
  if (url.starts_with("sqlite:")) return std::make_unique<SqliteStore>(url.substr(7));
  if (url.ends_with(".db")) return std::make_unique<SqliteStore>(url);
  throw StoreFault(StoreFault::Kind::kUnavailable,
                   fmt::format("unsupported database URL '{}': use sqlite:PATH", url));
}

}  // namespace fd::store
