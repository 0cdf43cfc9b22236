// SQLite's own count of the memory it holds, for /metrics (docs/monitoring.md "Memory"): page
// caches, prepared statements and schemas of every connection in the process together, as SQLite's
// allocator counts them. Bounded by the pool: each connection's page cache stops at cache_size
// (2 MB), so a figure that passes 8 × 2 MB plus the statements is held by something else. In WAL
// mode a connection also drops its whole cache when it begins a transaction after another
// connection has committed, so the caches fill and empty with the traffic below that bound.
//
// Thread safety: ReadSqliteMemory may be called from any thread (SQLite's counters have their own
// mutex); MeasureConnection as it says.
#pragma once

#include <cstdint>

struct sqlite3;

namespace fd::store {

struct SqliteMemory {
  std::int64_t used_bytes = 0;       // sqlite3_memory_used(): held now
  std::int64_t highwater_bytes = 0;  // sqlite3_memory_highwater(0): the most held since the process started
  // Every connection's page cache now (SQLITE_STATUS_PAGECACHE_USED + _OVERFLOW), less each
  // cache's first small block, which SQLite allocates with the cache and counts as neither.
  std::int64_t page_cache_bytes = 0;
};

SqliteMemory ReadSqliteMemory() noexcept;

// One connection's prepared statements: their memory (sqlite3_db_status) and how many.
struct SqliteConnectionMemory {
  std::int64_t statement_bytes = 0;
  std::int64_t statements = 0;
};

// REQUIRES: no other thread uses `db` meanwhile (the pool measures idle connections only). Walks
// every prepared statement, so it costs tens of microseconds per connection: once per scrape.
SqliteConnectionMemory MeasureConnection(sqlite3* db, std::int64_t statements) noexcept;

}  // namespace fd::store
