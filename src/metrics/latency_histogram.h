// A histogram of durations with fixed buckets from 1 ms to 10 s, recorded with a few relaxed
// atomic adds: no lock, no allocation, safe from any number of threads.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace fd::metrics {

// Upper bounds in seconds. A request to frontdoor takes a few milliseconds when the disk is quick;
// the top buckets show a slow disk or a long report. Each bound is exact in milliseconds.
inline constexpr std::array<double, 13> kLatencyBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                          0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

class LatencyHistogram {
 public:
  void Observe(std::chrono::nanoseconds took);

  struct Snapshot {
    std::array<std::uint64_t, kLatencyBounds.size() + 1> cumulative{};  // last: +Inf, equal to count
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  // Buckets are read one by one while others may observe, so a snapshot may be a request behind in
  // one bucket; it is always cumulative, and count is the +Inf bucket.
  Snapshot Read() const;

 private:
  // Per-bucket (not cumulative) counts; the cumulative form is made when read, so an observation
  // is one add rather than one per bucket above it.
  std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> sum_ns_{0};
};

}  // namespace fd::metrics
