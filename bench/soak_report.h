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

// {"run": {...}, "throughput": {"overall_per_s", "measured_per_s"}, "memory": MemorySampler::Json(),
//  "requests": SoakStats::Summary(), "passed": bool, "failures": ["..."]}
nlohmann::ordered_json MakeReport(const SoakRun& run, const SoakStats& stats, const MemorySampler& memory);
std::string ReportMarkdown(const nlohmann::ordered_json& report);
bool Passed(const nlohmann::ordered_json& report);

}  // namespace fd::bench
