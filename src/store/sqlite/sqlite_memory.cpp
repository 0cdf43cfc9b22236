#include "store/sqlite/sqlite_memory.h"

#include <sqlite3.h>

namespace fd::store {

SqliteMemory ReadSqliteMemory() noexcept {
  SqliteMemory m;
  m.used_bytes = static_cast<std::int64_t>(sqlite3_memory_used());
  // The high-water mark is never reset (argument 0): it is "the most since start", which is what
  // tells an operator how far the caches have ever filled.
  m.highwater_bytes = static_cast<std::int64_t>(sqlite3_memory_highwater(0));
  // Page caches, counted by SQLite for the whole process at once: pages in the memory configured for
  // them (none here) and pages beyond it, taken with malloc ("overflow"). Read per connection
  // instead (SQLITE_DBSTATUS_CACHE_USED) the sum was incoherent: a connection in a transaction cannot
  // be measured, and in WAL mode a connection drops its whole cache at its next transaction after
  // another connection's commit, so a figure kept from an earlier scrape was often long gone.
  sqlite3_int64 now = 0, most = 0;
  if (sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &now, &most, 0) == SQLITE_OK) m.page_cache_bytes += now;
  if (sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &now, &most, 0) == SQLITE_OK) m.page_cache_bytes += now;
  return m;
}

SqliteConnectionMemory MeasureConnection(sqlite3* db, std::int64_t statements) noexcept {
  SqliteConnectionMemory m;
  m.statements = statements;
  int now = 0, most = 0;
  if (sqlite3_db_status(db, SQLITE_DBSTATUS_STMT_USED, &now, &most, 0) == SQLITE_OK) m.statement_bytes = now;
  return m;
}

}  // namespace fd::store
