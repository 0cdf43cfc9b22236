#include "soak_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace fd::bench {
namespace {

constexpr std::size_t kMaxErrorsKept = 50;
constexpr std::size_t kBodyHead = 200;

// The nearest-rank percentile of sorted values.
double Percentile(const std::vector<float>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size()));
  return sorted[std::min(rank, sorted.size() - 1)];
}

double Round2(double v) { return static_cast<double>(static_cast<std::int64_t>(v * 100 + 0.5)) / 100; }

}  // namespace

bool SoakStats::Record(const std::string& kind, const std::string& route, const SoakReply& reply, bool measuring) {
  const bool ok = reply.status >= 200 && reply.status < 400;
  std::lock_guard lock(mutex_);
  auto& k = kinds_[kind];
  ++k.requests;
  ++request_count_;
  if (measuring) k.measured_ms.push_back(static_cast<float>(reply.milliseconds));
  if (ok) return true;
  ++k.errors;
  ++error_count_;
  std::string head = reply.body.substr(0, kBodyHead);
  std::replace(head.begin(), head.end(), '\n', ' ');
  // Printed at once, so a long run shows its first error while it runs.
  std::fprintf(stderr, "soak: error %d %s %s: %s\n", reply.status, kind.c_str(), route.c_str(), head.c_str());
  if (errors_.size() < kMaxErrorsKept) errors_.push_back({kind, route, reply.status, std::move(head)});
  return false;
}

std::int64_t SoakStats::Requests() const {
  std::lock_guard lock(mutex_);
  return request_count_;
}

std::int64_t SoakStats::Errors() const {
  std::lock_guard lock(mutex_);
  return error_count_;
}

nlohmann::ordered_json SoakStats::Summary() const {
  std::lock_guard lock(mutex_);
  nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
  std::int64_t requests = 0;
  for (const auto& [name, k] : kinds_) {
    auto sorted = k.measured_ms;
    std::sort(sorted.begin(), sorted.end());
    kinds[name] = {{"requests", k.requests},
                   {"errors", k.errors},
                   {"measured", sorted.size()},
                   {"p50_ms", Round2(Percentile(sorted, 50))},
                   {"p99_ms", Round2(Percentile(sorted, 99))},
                   {"max_ms", Round2(sorted.empty() ? 0.0 : sorted.back())}};
    requests += k.requests;
  }
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const auto& e : errors_)
    errors.push_back({{"kind", e.kind}, {"route", e.route}, {"status", e.status}, {"body", e.body_head}});
  return {{"requests", requests}, {"errors", error_count_}, {"kinds", kinds}, {"first_errors", errors}};
}

}  // namespace fd::bench
