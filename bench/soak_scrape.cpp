#include "soak_scrape.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace fd::bench {

std::optional<double> UnlabelledValue(std::string_view exposition, std::string_view name) {
  std::size_t at = 0;
  while (at < exposition.size()) {
    std::size_t end = exposition.find('\n', at);
    if (end == std::string_view::npos) end = exposition.size();
    const std::string_view line = exposition.substr(at, end - at);
    at = end + 1;
    // "name value" or "name value timestamp"; comments (# HELP, # TYPE) and other names are skipped.
    if (!line.starts_with(name) || line.size() <= name.size() || line[name.size()] != ' ') continue;
    std::string_view rest = line.substr(name.size() + 1);
    const std::size_t space = rest.find(' ');
    if (space != std::string_view::npos) rest = rest.substr(0, space);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc() || ptr != rest.data() + rest.size() || !std::isfinite(value)) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

ServerMemory ParseServerMemory(std::string_view exposition) {
  const auto bytes = [&](std::string_view name) -> std::int64_t {
    const auto v = UnlabelledValue(exposition, name);
    return v && *v >= 0 ? static_cast<std::int64_t>(*v) : -1;
  };
  return {bytes("frontdoor_heap_in_use_bytes"),       bytes("frontdoor_sqlite_memory_used_bytes"),
          bytes("frontdoor_sqlite_memory_highwater_bytes"), bytes("frontdoor_sqlite_page_cache_bytes"),
          bytes("frontdoor_sqlite_statement_bytes"),  bytes("frontdoor_sqlite_statements")};
}

std::optional<ServerMemory> MetricsScraper::Scrape() {
  const SoakReply reply = client_.Get("/metrics");
  if (reply.status != 200) {
    problem_ = fmt::format("GET /metrics answered {}: {}", reply.status, reply.body.substr(0, 200));
    return std::nullopt;
  }
  problem_.clear();
  return ParseServerMemory(reply.body);
}

}  // namespace fd::bench
