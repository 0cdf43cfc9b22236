#include "metrics/exposition.h"

#include <fmt/format.h>

#include <cmath>

namespace fd::metrics {

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", value);
}

std::string_view CodeLabel(std::string_view value) {
  if (value.empty() || value.size() > 40) return "other";
  for (char c : value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return "other";
  }
  return value;
}

void Exposition::Metric(std::string_view name, std::string_view type, std::string_view help) {
  out_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, EscapeHelp(help), name, type);
}

void Exposition::Begin(std::string_view name, Labels labels) {
  out_ += name;
  if (labels.size() == 0) {
    out_ += ' ';
    return;
  }
  out_ += '{';
  bool first = true;
  for (const auto& [key, value] : labels) {
    if (!first) out_ += ',';
    first = false;
    out_ += key;
    out_ += "=\"";
    out_ += EscapeLabelValue(value);
    out_ += '"';
  }
  out_ += "} ";
}

void Exposition::Sample(std::string_view name, Labels labels, double value) {
  Begin(name, labels);
  out_ += FormatValue(value);
  out_ += '\n';
}

void Exposition::Sample(std::string_view name, Labels labels, std::uint64_t value) {
  Begin(name, labels);
  out_ += fmt::format("{}\n", value);
}

void Exposition::Sample(std::string_view name, Labels labels, std::int64_t value) {
  Begin(name, labels);
  out_ += fmt::format("{}\n", value);
}

}  // namespace fd::metrics
