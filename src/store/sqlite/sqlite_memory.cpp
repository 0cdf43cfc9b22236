#include "store/sqlite/sqlite_memory.h"

#include <sqlite3.h>

namespace fd::store {

SqliteMemory ReadSqliteMemory() noexcept {
  // The high-water mark is never reset (argument 0): it is "the most since start", which is what
  // tells an operator how far the caches have ever filled.
  return {static_cast<std::int64_t>(sqlite3_memory_used()), static_cast<std::int64_t>(sqlite3_memory_highwater(0))};
}

SqliteConnectionMemory MeasureConnection(sqlite3* db, std::int64_t statements) noexcept {
  SqliteConnectionMemory m;
  m.statements = statements;
  int now = 0, most = 0;
  if (sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_USED, &now, &most, 0) == SQLITE_OK) m.page_cache_bytes = now;
  if (sqlite3_db_status(db, SQLITE_DBSTATUS_STMT_USED, &now, &most, 0) == SQLITE_OK) m.statement_bytes = now;
  return m;
}

}  // namespace fd::store
