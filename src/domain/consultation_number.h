// FDS-9: the unique consultation number e-mailed to the consultee, e.g. "CN-7KQ2-M9XD-4".
// Unguessable (40 random bits) and checksummed, so a mistyped number is caught rather than
// matching someone else's consultation. Pure: the random bytes come in as an argument.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fd {

// "CN-" + eight Crockford base32 symbols (the first five random bytes, 40 bits) in two groups of
// four + "-" + one check symbol. Throws std::invalid_argument when fewer than five bytes are given
// (a programming fault: callers pass bytes from a CSPRNG).
std::string MakeConsultationNumber(std::span<const std::uint8_t> random_bytes);

// Accepts any case, with or without the "CN" prefix, ignoring hyphens and spaces. Rejects every
// single changed symbol and every swap of two adjacent symbols (check symbol included).
bool IsValidConsultationNumber(std::string_view text);

// The number in its canonical form ("CN-7KQ2-M9XD-4"), or nullopt when it is not valid.
std::optional<std::string> NormaliseConsultationNumber(std::string_view text);

}  // namespace fd
