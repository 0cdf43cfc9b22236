// The soak's verdict and its figures: JSON for the record, and the Markdown table scripts/soak
// puts in docs/benchmarks.md ("Soak").
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "soak_memory.h"
#include "soak_stats.h"

namespace fd::bench {

// Resident memory may grow less than this, in percent, from the end of warm-up to the end (issue 11).
inline constexpr double kMaxGrowthPct = 10.0;

struct SoakRun {
  double duration_s = 0;
  double measured_s = 0;  // from the end of warm-up to the end
  int warmup_s = 0;
  int users = 0;
  bool server_alive = true;
  std::int64_t requests_at_warmup = 0;
};

// The settled RSS's growth after warm-up by its parts, in kB, from MemorySampler::Json():
// {"rss_kb", "sqlite_kb", "heap_other_kb", "outside_heap_kb", "rss_without_sqlite_pct", "sqlite_share_pct"}.
// SQLite allocates with malloc, so its memory is inside the heap figure: the parts are SQLite's
// growth, the rest of the heap's (heap growth − SQLite's), and what grew outside the heap (RSS
// growth − heap growth: memory freed and kept by the allocator, stacks). They add up to the RSS's growth.
// "rss_without_sqlite_pct" is the growth as a percentage of the warm-up's RSS had SQLite's caches
// not grown; "sqlite_share_pct" is SQLite's part of the growth (null when the RSS did not grow).
// Null when the server's heap or SQLite figures were not read at both ends.
nlohmann::ordered_json GrowthByParts(const nlohmann::ordered_json& memory);

// {"run": {...}, "throughput": {"overall_per_s", "measured_per_s"}, "memory": MemorySampler::Json(),
//  "growth_by_parts": GrowthByParts(), "requests": SoakStats::Summary(), "passed": bool, "failures": ["..."]}
nlohmann::ordered_json MakeReport(const SoakRun& run, const SoakStats& stats, const MemorySampler& memory);
std::string ReportMarkdown(const nlohmann::ordered_json& report);
// The report's rows on the heap and SQLite's memory, and the growth by its parts, with a sentence
// saying which part it was (part of ReportMarkdown's table; ends with a blank line).
std::string MemoryPartsMarkdown(const nlohmann::ordered_json& report);
bool Passed(const nlohmann::ordered_json& report);

}  // namespace fd::bench
