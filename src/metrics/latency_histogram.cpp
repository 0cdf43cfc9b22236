#include "metrics/latency_histogram.h"

namespace fd::metrics {
namespace {

// The bounds in whole nanoseconds, so a bucket is chosen by integer comparison (1 ms is 1'000'000,
// never 0.000999…).
constexpr std::array<std::int64_t, kLatencyBounds.size()> kBoundsNs = [] {
  std::array<std::int64_t, kLatencyBounds.size()> out{};
  for (std::size_t i = 0; i < kLatencyBounds.size(); ++i)
    out[i] = static_cast<std::int64_t>(kLatencyBounds[i] * 1'000'000.0 + 0.5) * 1'000;
  return out;
}();

}  // namespace

void LatencyHistogram::Observe(std::chrono::nanoseconds took) {
  const std::int64_t ns = took.count() < 0 ? 0 : took.count();
  std::size_t i = 0;
  while (i < kBoundsNs.size() && ns > kBoundsNs[i]) ++i;  // "le": a value on a bound counts in it
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(ns), std::memory_order_relaxed);
}

LatencyHistogram::Snapshot LatencyHistogram::Read() const {
  Snapshot s;
  std::uint64_t running = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative[i] = running;
  }
  s.count = running;
  s.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return s;
}

}  // namespace fd::metrics
