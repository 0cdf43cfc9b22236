// What the server says of its own memory, read from /metrics at each of the soak's sample windows
// (docs/monitoring.md "Memory"): the heap in use (the allocator's count) and SQLite's memory in use and high-water
// mark. Beside the resident memory they say what grew: SQLite's caches, the rest of the heap, or
// memory outside the heap (freed and kept by the allocator, stacks).
//
// The scraper signs nothing in: it sends an API token with the "metrics" scope, as Prometheus does,
// so each scrape is one audited token use and no Argon2id sign-in.
//
// Thread safety: one scraper per thread; the parsing functions are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "soak_client.h"

namespace fd::bench {

struct ServerMemory {
  std::int64_t heap_bytes = -1;              // frontdoor_heap_in_use_bytes; -1: not read
  std::int64_t sqlite_bytes = -1;            // frontdoor_sqlite_memory_used_bytes; -1: not read
  std::int64_t sqlite_highwater_bytes = -1;  // frontdoor_sqlite_memory_highwater_bytes; -1: not read
  std::int64_t page_cache_bytes = -1;        // frontdoor_sqlite_page_cache_bytes; -1: not read
  std::int64_t statement_bytes = -1;         // frontdoor_sqlite_statement_bytes; -1: not read
  std::int64_t statements = -1;              // frontdoor_sqlite_statements; -1: not read
};

// The value of the unlabelled sample `name` in a Prometheus text exposition, or nothing when it
// has none (a labelled series of that name is not it; nor is a longer name beginning with it).
std::optional<double> UnlabelledValue(std::string_view exposition, std::string_view name);
// The memory figures of an exposition; each -1 when absent (SQLite's on a PostgreSQL node).
ServerMemory ParseServerMemory(std::string_view exposition);

class MetricsScraper {
 public:
  MetricsScraper(std::uint16_t port, std::string token) : client_(port) { client_.UseBearer(std::move(token)); }
  // GET /metrics; nothing when it did not answer 200, and `problem()` says what it answered.
  std::optional<ServerMemory> Scrape();
  const std::string& problem() const { return problem_; }

 private:
  SoakClient client_;
  std::string problem_;
};

}  // namespace fd::bench
