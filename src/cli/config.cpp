#include "cli/config.h"

#include <charconv>
#include <type_traits>
#include <fmt/format.h>

#include <toml++/toml.h>

#include "cli/config_settings.h"

namespace fd::cli {
namespace {

// What a setting of type T is written as, said in the message for one of another type.
template <typename T>
constexpr std::string_view Expected() {
  if constexpr (std::is_same_v<T, bool>) return "true or false (no quotes)";
  else if constexpr (std::is_same_v<T, std::string>) return "text in double quotes";
  else return "a whole number (no quotes)";
}

std::string_view Found(toml::node_type type) {
  switch (type) {
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a number with a decimal point";
    case toml::node_type::boolean: return "true or false";
    case toml::node_type::table: return "a section";
    case toml::node_type::array: return "a list";
    default: return "a date or time";
  }
}

template <typename T>
std::optional<std::string> Read(const toml::table& table, std::string_view path, T& out) {
  auto node = table.at_path(path);
  if (!node) return std::nullopt;
  if (auto value = node.value<T>()) {
    out = *value;
    return std::nullopt;
  }
  const auto& src = node.node()->source();
  return fmt::format("{}:{}: setting '{}' has the wrong type: it must be {}, not {}", src.path ? *src.path : "config",
                     src.begin.line, path, Expected<T>(), Found(node.type()));
}

}  // namespace

const std::vector<ServerLimit>& ServerLimits() {
  static const std::vector<ServerLimit> limits = {
      {"server.io_threads", 0, kMaxIoThreads,
       "0 (one per core) is right for almost every machine; set a number only to use fewer cores",
       [](const Config& c) -> std::int64_t { return c.io_threads; }},
      {"server.handler_threads", 0, kMaxHandlerThreads,
       "0 (eight per core) is right for almost every machine; more threads than this only wait on the database",
       [](const Config& c) -> std::int64_t { return c.handler_threads; }},
      {"server.max_connections", 1, 1'000'000,
       "keep it below the open-file limit (LimitNOFILE=, 65536 in the package's unit); 10000 is the default",
       [](const Config& c) { return c.max_connections; }},
      {"server.max_queued_requests", 0, 1'000'000,
       "a queue longer than a second's work helps nobody: raise it only with handler_threads; 256 is the default",
       [](const Config& c) { return c.max_queued_requests; }},
      {"portal.requests_per_hour", 1, 1'000'000,
       "10 is the default: no family or neighbour sends more in an hour; raise it only for an address many "
       "people share (a council's own network behind one proxy without server.trust_proxy)",
       [](const Config& c) { return c.portal_requests_per_hour; }},
      {"database.connection_wait_ms", 100, 120'000,
       "5000 is the default: past it a person is better told to try again than left waiting; a pool too "
       "small for the load (PostgreSQL's ?pool=) is the thing to raise, not this",
       [](const Config& c) { return c.connection_wait_ms; }},
  };
  return limits;
}

std::expected<Config, std::string> LoadConfig(const std::string& path) {
  Config config;
  if (path.empty()) return config;
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return std::unexpected(fmt::format("{}:{}:{}: {}", path, e.source().begin.line, e.source().begin.column,
                                       e.description()));
  }
  if (auto unknown = FindUnknownSetting(table, path)) return std::unexpected(*unknown);
  for (auto problem : {Read(table, "server.listen", config.listen), Read(table, "server.secure_cookies", config.secure_cookies),
                       Read(table, "server.trust_proxy", config.trust_proxy),
                       Read(table, "server.public_url", config.public_url),
                       Read(table, "intake.team", config.intake_team),
                       Read(table, "portal.requests_per_hour", config.portal_requests_per_hour),
                       Read(table, "server.io_threads", config.io_threads),
                       Read(table, "server.handler_threads", config.handler_threads),
                       Read(table, "server.max_connections", config.max_connections),
                       Read(table, "server.max_queued_requests", config.max_queued_requests),
                       Read(table, "database.url", config.database),
                       Read(table, "database.connection_wait_ms", config.connection_wait_ms),
                       Read(table, "policy.pack", config.policy),
                       Read(table, "paths.templates", config.templates), Read(table, "paths.static", config.static_dir),
                       Read(table, "smtp.url", config.smtp_url), Read(table, "smtp.from", config.smtp_from),
                       Read(table, "retention.daily", config.retention_daily),
                       Read(table, "log.format", config.log_format)}) {
    if (problem) return std::unexpected(*problem);
  }
  // Every number that sizes the server is checked here, before anything starts: a mistyped
  // handler_threads = 100000 once made the server try to start 100,000 threads, exhaust the
  // machine's process limit (fork failed for every program on it) and no longer stop on SIGTERM.
  for (const auto& limit : ServerLimits()) {
    const std::int64_t value = limit.value(config);
    if (value < limit.min || value > limit.max)
      return std::unexpected(fmt::format("{}: setting '{}' must be from {} to {} (got {}): {}", path, limit.setting,
                                         limit.min, limit.max, value, limit.advice));
  }
  while (config.public_url.ends_with('/')) config.public_url.pop_back();
  if (!config.public_url.empty() && !config.public_url.starts_with("https://") && !config.public_url.starts_with("http://"))
    return std::unexpected(fmt::format("{}: setting 'server.public_url' must start with https:// (got '{}')", path,
                                       config.public_url));
  if (config.log_format != "json" && config.log_format != "text")
    return std::unexpected(fmt::format("{}: setting 'log.format' must be \"json\" or \"text\" (got '{}')", path,
                                       config.log_format));
  return config;
}

std::expected<std::pair<std::string, unsigned short>, std::string> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return std::unexpected("listen address must be HOST:PORT, like 127.0.0.1:8080 (got '" + listen + "')");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port_text = listen.substr(colon + 1);
  unsigned short port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size())
    return std::unexpected("listen port must be a number from 0 to 65535 (got '" + port_text + "')");
  return std::pair{host, port};
}

}  // namespace fd::cli
