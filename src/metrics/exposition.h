// The Prometheus text exposition format, version 0.0.4: "# HELP" and "# TYPE" for each metric,
// then one sample per line, `name{label="value",…} value`.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace fd::metrics {

inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

class Exposition {
 public:
  // Starts a metric: its HELP and TYPE lines. `type` is "counter", "gauge" or "histogram".
  // REQUIRES: each name once per exposition, and its samples written before the next metric starts.
  void Metric(std::string_view name, std::string_view type, std::string_view help);
  // One sample of the metric started last (for a histogram, `name` is its _bucket, _sum or _count).
  void Sample(std::string_view name, Labels labels, double value);
  void Sample(std::string_view name, Labels labels, std::uint64_t value);
  void Sample(std::string_view name, Labels labels, std::int64_t value);

  const std::string& text() const { return out_; }

 private:
  void Begin(std::string_view name, Labels labels);
  std::string out_;
};

// Label values: backslash, double quote and newline escaped as the format requires.
std::string EscapeLabelValue(std::string_view value);
// HELP text: backslash and newline escaped.
std::string EscapeHelp(std::string_view help);
// A number as the format writes it: shortest round-trip decimal, or +Inf, -Inf, NaN.
std::string FormatValue(double value);

// A label value that came from data rather than code (a queue name, a rule id): kept when it is a
// short code of letters, digits and "-_.", otherwise "other", so a label can never carry free text
// someone typed and the number of series stays bounded.
std::string_view CodeLabel(std::string_view value);

}  // namespace fd::metrics
