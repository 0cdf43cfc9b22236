#include "cli/config_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace fd::cli {
namespace {

struct Section {
  std::string_view name;
  std::vector<std::string_view> keys;
};

// Every setting LoadConfig reads (config.cpp); a new setting is added to both.
const std::array<Section, 9>& KnownSections() {
  static const std::array<Section, 9> sections{{
      {"server",
       {"listen", "secure_cookies", "trust_proxy", "public_url", "io_threads", "handler_threads",
        "max_connections", "max_queued_requests"}},
      {"intake", {"team"}},
      {"portal", {"requests_per_hour"}},
      {"database", {"url", "connection_wait_ms"}},
      {"policy", {"pack"}},
      {"paths", {"templates", "static"}},
      {"smtp", {"url", "from"}},
      {"retention", {"daily"}},
      {"log", {"format"}},
  }};
  return sections;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The known name nearest `given`: a slip of a few letters, or one name starting with the other
// (`listen_port` for `listen`); nothing when none is near.
std::optional<std::string_view> Nearest(std::string_view given, const std::vector<std::string_view>& known) {
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(2, given.size() / 3) + 1;
  for (const auto name : known) {
    const std::size_t distance =
        given.starts_with(name) || name.starts_with(given) ? 1 : EditDistance(given, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::string Where(const toml::node& node, std::string_view file) {
  return fmt::format("{}:{}", file, node.source().begin.line);
}

}  // namespace

std::optional<std::string> FindUnknownSetting(const toml::table& table, std::string_view file) {
  std::vector<std::string_view> section_names;
  for (const auto& section : KnownSections()) section_names.push_back(section.name);
  for (const auto& [name, node] : table) {
    const auto known = std::find_if(KnownSections().begin(), KnownSections().end(),
                                    [&](const Section& s) { return s.name == name.str(); });
    if (known == KnownSections().end() || !node.is_table()) {
      const auto near = Nearest(name.str(), section_names);
      const std::string hint = near ? fmt::format(" (did you mean [{}]?)", *near) : "";
      if (!node.is_table())
        return fmt::format(
            "{}: setting '{}' belongs in a section such as [server]{}; docs/operations.md "
            "\"Settings\" lists every setting",
            Where(node, file), name.str(), hint);
      return fmt::format("{}: unknown section [{}]{}; docs/operations.md \"Settings\" lists every setting",
                         Where(node, file), name.str(), hint);
    }
    for (const auto& [key, value] : *node.as_table()) {
      if (std::find(known->keys.begin(), known->keys.end(), key.str()) != known->keys.end()) continue;
      const auto near = Nearest(key.str(), known->keys);
      const std::string hint = near ? fmt::format(" (did you mean '{}.{}'?)", known->name, *near) : "";
      return fmt::format("{}: unknown setting '{}.{}'{}; docs/operations.md \"Settings\" lists every setting",
                         Where(value, file), name.str(), key.str(), hint);
    }
  }
  return std::nullopt;
}

}  // namespace fd::cli
