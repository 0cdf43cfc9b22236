// Log lines: one JSON object per line by default (time in UTC, level, message, the request id of the
// request being served, and named fields), or readable text for a person at a terminal.
//
// Configure() installs the line format on spdlog's default logger, so every line goes through one
// formatter: lines written with Info/Warn/Error below and any plain spdlog::info(…) alike, from any
// module (the store's backends included). What a line may hold: docs/security.md "Logs" — never
// passwords, tokens, cookies, session ids, bodies or children's details.
//
// Thread safety: every function may be called from any thread. The request id and fields reach the
// formatter through thread-locals, so sinks must format when they are called, on the logging thread,
// as spdlog's console, file and syslog sinks do (not an async logger, nor the ringbuffer sink, which
// formats when read).
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/common.h>

namespace spdlog::sinks {
class sink;
}

namespace fd::logging {

enum class Format { kJson, kText };

// "json" or "text"; nullopt for anything else.
std::optional<Format> FormatFromName(std::string_view name);

// Sets the line format of spdlog's default logger. With a sink, the default logger is replaced by
// one writing only to that sink (tests capture lines this way). Not for use while other threads log.
void Configure(Format format, std::shared_ptr<spdlog::sinks::sink> sink = nullptr);

// One named value on a log line: a string, number or boolean.
struct Field {
  std::string_view key;
  nlohmann::json value;
};
using Fields = std::initializer_list<Field>;

void Log(spdlog::level::level_enum level, std::string_view message, Fields fields = {});
inline void Info(std::string_view message, Fields fields = {}) { Log(spdlog::level::info, message, fields); }
inline void Warn(std::string_view message, Fields fields = {}) { Log(spdlog::level::warn, message, fields); }
inline void Error(std::string_view message, Fields fields = {}) { Log(spdlog::level::err, message, fields); }

}  // namespace fd::logging
