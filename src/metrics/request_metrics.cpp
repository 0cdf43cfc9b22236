#include "metrics/request_metrics.h"

namespace fd::metrics {
namespace {

// The methods an unmatched request is counted under; any other method string is "other", so a
// client inventing methods cannot add series.
constexpr std::array<std::string_view, 8> kUnmatchedMethods = {"GET",    "HEAD",    "POST", "PUT",
                                                               "PATCH",  "DELETE",  "OPTIONS", "other"};

}  // namespace

void StatusCounts::Add(int status) {
  if (status <= 0) status = 599;  // never 0, which marks a free slot
  for (std::size_t i = 0; i < kSlots; ++i) {
    int code = codes_[i].load(std::memory_order_acquire);
    if (code == 0) {
      int expected = 0;
      if (codes_[i].compare_exchange_strong(expected, status, std::memory_order_acq_rel)) code = status;
      else code = expected;  // another thread took the slot first
    }
    if (code == status) {
      counts_[i].fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  overflow_.fetch_add(1, std::memory_order_relaxed);
}

RequestMetrics::RequestMetrics(std::vector<RouteLabel> routes)
    : routes_(std::move(routes)), series_(std::make_unique<Series[]>(routes_.size() + kUnmatchedMethods.size())) {}

std::size_t RequestMetrics::UnmatchedIndex(std::string_view method) {
  for (std::size_t i = 0; i + 1 < kUnmatchedMethods.size(); ++i)
    if (kUnmatchedMethods[i] == method) return i;
  return kUnmatchedMethods.size() - 1;
}

void RequestMetrics::Finished(std::optional<std::size_t> route, std::string_view method, int status,
                              std::chrono::nanoseconds took) {
  const std::size_t index =
      route && *route < routes_.size() ? *route : routes_.size() + UnmatchedIndex(method);
  series_[index].statuses.Add(status);
  series_[index].latency.Observe(took);
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
}

void RequestMetrics::Refused(std::string_view method, int status) {
  series_[routes_.size() + UnmatchedIndex(method)].statuses.Add(status);
}

void RequestMetrics::Write(Exposition& out) const {
  const std::size_t total = routes_.size() + kUnmatchedMethods.size();
  auto route_of = [&](std::size_t i) -> std::string_view {
    return i < routes_.size() ? std::string_view(routes_[i].pattern) : std::string_view("unmatched");
  };
  auto method_of = [&](std::size_t i) -> std::string_view {
    return i < routes_.size() ? std::string_view(routes_[i].method) : kUnmatchedMethods[i - routes_.size()];
  };

  out.Metric("frontdoor_http_requests_total", "counter",
             "HTTP requests answered, by route pattern, method and status code (HEAD counts as GET).");
  for (std::size_t i = 0; i < total; ++i) {
    series_[i].statuses.ForEach([&](std::string_view code, std::uint64_t n) {
      out.Sample("frontdoor_http_requests_total", {{"route", route_of(i)}, {"method", method_of(i)}, {"code", code}},
                 n);
    });
  }

  out.Metric("frontdoor_http_request_duration_seconds", "histogram",
             "Time from a request being read to its answer being ready, by route pattern and method.");
  for (std::size_t i = 0; i < total; ++i) {
    const auto s = series_[i].latency.Read();
    if (s.count == 0) continue;  // a route never asked has no series, as with the counter
    const Labels base = {{"route", route_of(i)}, {"method", method_of(i)}};
    for (std::size_t b = 0; b < kLatencyBounds.size(); ++b) {
      const std::string le = FormatValue(kLatencyBounds[b]);
      out.Sample("frontdoor_http_request_duration_seconds_bucket",
                 {{"route", route_of(i)}, {"method", method_of(i)}, {"le", le}}, s.cumulative[b]);
    }
    out.Sample("frontdoor_http_request_duration_seconds_bucket",
               {{"route", route_of(i)}, {"method", method_of(i)}, {"le", "+Inf"}}, s.cumulative.back());
    out.Sample("frontdoor_http_request_duration_seconds_sum", base, s.sum_seconds);
    out.Sample("frontdoor_http_request_duration_seconds_count", base, s.count);
  }

  out.Metric("frontdoor_http_requests_in_flight", "gauge", "HTTP requests being handled now.");
  out.Sample("frontdoor_http_requests_in_flight", {}, in_flight_.load(std::memory_order_relaxed));
}

}  // namespace fd::metrics
