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
// ISO 8601 with seconds optional and an offset required: "2026-11-27T16:50+00:00",
// "2026-11-27T16:50:00Z", "2026-06-01T09:05:00+01:00". Without an offset a time means nothing
// certain (which zone? which side of a clock change?), so it is refused: nullopt.
std::optional<Instant> ParseIsoWithOffset(std::string_view text);

}  // namespace fd
