// Instants as stored and exchanged: UTC, ISO 8601, whole seconds, ending in Z. Pure formatting.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fd {

using Instant = std::chrono::sys_seconds;

std::string FormatUtc(Instant instant);                     // "2026-11-24T09:30:00Z"
std::optional<Instant> ParseUtc(std::string_view text);     // the inverse; nullopt when malformed

}  // namespace fd
