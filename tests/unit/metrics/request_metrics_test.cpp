// Request counters and latency histograms: exact counts under concurrency, cumulative buckets,
// bounded labels.
#include "metrics/request_metrics.h"

#include <gtest/gtest.h>

#include <thread>

namespace fd::metrics {
namespace {

using namespace std::chrono_literals;

std::string Written(const RequestMetrics& m) {
  Exposition out;
  m.Write(out);
  return out.text();
}

bool Has(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

TEST(LatencyHistogram, AValueOnABoundCountsInThatBucketAndBucketsAreCumulative) {
  LatencyHistogram h;
  h.Observe(1ms);       // exactly 0.001: in le="0.001"
  h.Observe(1001us);    // just above: in le="0.0025"
  h.Observe(30s);       // above every bound: only +Inf
  const auto s = h.Read();
  EXPECT_EQ(s.cumulative[0], 1u);
  EXPECT_EQ(s.cumulative[1], 2u);
  EXPECT_EQ(s.cumulative[kLatencyBounds.size() - 1], 2u);  // le="10"
  EXPECT_EQ(s.cumulative.back(), 3u);                       // +Inf
  EXPECT_EQ(s.count, 3u);
  EXPECT_DOUBLE_EQ(s.sum_seconds, 0.001 + 0.001001 + 30.0);
  for (std::size_t i = 1; i < s.cumulative.size(); ++i) EXPECT_LE(s.cumulative[i - 1], s.cumulative[i]);
}

TEST(StatusCounts, CountsEachCodeAndOverflowsIntoOther) {
  StatusCounts counts;
  for (int code = 200; code < 220; ++code) counts.Add(code);  // 20 distinct codes, 15 slots
  counts.Add(200);
  std::map<std::string, std::uint64_t> seen;
  counts.ForEach([&](std::string_view code, std::uint64_t n) { seen[std::string(code)] = n; });
  EXPECT_EQ(seen.at("200"), 2u);
  EXPECT_EQ(seen.at("214"), 1u);
  EXPECT_EQ(seen.at("other"), 5u);
  EXPECT_EQ(seen.size(), 16u);
}

// Many threads recording at once lose nothing: the counts are exact, with no lock.
TEST(RequestMetrics, ConcurrentRecordingIsExact) {
  RequestMetrics m(std::vector<RouteLabel>{{"GET", "/api/v1/contacts/{id}"}, {"POST", "/api/v1/contacts"}});
  constexpr int kThreads = 4, kEach = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&m, t] {
      for (int i = 0; i < kEach; ++i) {
        m.Started();
        m.Finished(std::size_t{0}, "GET", (i + t) % 2 ? 200 : 404, 2ms);
      }
    });
  for (auto& t : threads) t.join();
  const auto text = Written(m);
  const int half = kThreads * kEach / 2;
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_total{route=\"/api/v1/contacts/{id}\",method=\"GET\",code=\"200\"} " +
                            std::to_string(half)))
      << text;
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_total{route=\"/api/v1/contacts/{id}\",method=\"GET\",code=\"404\"} " +
                            std::to_string(half)));
  EXPECT_TRUE(Has(text, "frontdoor_http_request_duration_seconds_count{route=\"/api/v1/contacts/{id}\",method=\"GET\"} " +
                            std::to_string(kThreads * kEach)));
  EXPECT_TRUE(Has(text, "frontdoor_http_request_duration_seconds_bucket{route=\"/api/v1/contacts/{id}\",method=\"GET\","
                        "le=\"0.001\"} 0"));
  EXPECT_TRUE(Has(text, "frontdoor_http_request_duration_seconds_bucket{route=\"/api/v1/contacts/{id}\",method=\"GET\","
                        "le=\"0.0025\"} " + std::to_string(kThreads * kEach)));
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_in_flight 0"));
  // A route never asked has no series.
  EXPECT_EQ(text.find("route=\"/api/v1/contacts\""), std::string::npos);
}

// Requests no route matched are counted under route "unmatched" and a method from a fixed list, so
// neither invented paths nor invented methods add series.
TEST(RequestMetrics, UnmatchedRequestsHaveBoundedLabels) {
  RequestMetrics m(std::vector<RouteLabel>{{"GET", "/"}});
  m.Started();
  m.Finished(std::nullopt, "GET", 404, 1ms);
  m.Started();
  m.Finished(std::nullopt, "BREW", 405, 1ms);
  m.Refused("POST", 413);
  m.Started();
  m.Finished(std::size_t{7}, "GET", 404, 1ms);  // an index past the table is unmatched too
  const auto text = Written(m);
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_total{route=\"unmatched\",method=\"GET\",code=\"404\"} 2")) << text;
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_total{route=\"unmatched\",method=\"other\",code=\"405\"} 1"));
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_total{route=\"unmatched\",method=\"POST\",code=\"413\"} 1"));
  EXPECT_EQ(text.find("BREW"), std::string::npos);
  EXPECT_TRUE(Has(text, "frontdoor_http_requests_in_flight 0"));
}

}  // namespace
}  // namespace fd::metrics
