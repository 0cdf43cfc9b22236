// HTTP request metrics: a counter by route pattern, method and status code, a latency histogram by
// route pattern and method, and the requests in flight.
//
// The routes are fixed when the service starts (the router's table), so each has its series made in
// advance and recording a request is an array index and a few relaxed atomic adds: no lock and no
// allocation on the request path. Labels are the route's pattern ("/api/v1/contacts/{id}"), never
// the path a client sent, so no record id reaches a label and the number of series is bounded.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/exposition.h"
#include "metrics/latency_histogram.h"

namespace fd::metrics {

struct RouteLabel {
  std::string method;   // "GET"
  std::string pattern;  // "/api/v1/contacts/{id}"
};

// Counts by status code in a small table filled lock-free as codes first appear; a route answers
// with a handful of codes, so 15 slots are plenty, and anything beyond is counted as code "other".
class StatusCounts {
 public:
  void Add(int status);
  template <typename F>
  void ForEach(F&& f) const {  // f(std::string_view code, std::uint64_t count), codes as first seen
    for (std::size_t i = 0; i < kSlots; ++i) {
      const int code = codes_[i].load(std::memory_order_acquire);
      if (code == 0) break;
      f(std::to_string(code), counts_[i].load(std::memory_order_relaxed));
    }
    if (const auto n = overflow_.load(std::memory_order_relaxed)) f("other", n);
  }

 private:
  static constexpr std::size_t kSlots = 15;
  std::array<std::atomic<int>, kSlots> codes_{};  // 0: free
  std::array<std::atomic<std::uint64_t>, kSlots> counts_{};
  std::atomic<std::uint64_t> overflow_{0};
};

class RequestMetrics {
 public:
  explicit RequestMetrics(std::vector<RouteLabel> routes);

  // A request has been read and is being handled.
  void Started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  // Its answer is ready. `route` is the index of the matched route in the table given at
  // construction; nullopt when no route matched (404, 405, a request refused before routing),
  // counted as route "unmatched" with the request's method (anything unusual as "other").
  void Finished(std::optional<std::size_t> route, std::string_view method, int status, std::chrono::nanoseconds took);
  // A request refused while it was being read (too large, malformed): never started, never routed.
  void Refused(std::string_view method, int status);

  void Write(Exposition& out) const;

 private:
  struct Series {
    StatusCounts statuses;
    LatencyHistogram latency;
  };
  static std::size_t UnmatchedIndex(std::string_view method);

  std::vector<RouteLabel> routes_;
  std::unique_ptr<Series[]> series_;  // routes_.size() routes, then one per kUnmatchedMethods
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace fd::metrics
