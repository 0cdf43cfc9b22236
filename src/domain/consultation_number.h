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

// "CN-" + eight Crockford base32 symbols (40 random bits from five bytes) in two groups of four +
// "-" + one check symbol, which for a new number is always one of the same 32 symbols (never one of
// Crockford's extra check symbols * ~ $ = U, awkward to say on the phone). Five bytes are drawn on
// until one group gives such a check: callers pass 40 bytes (eight tries). Throws
// std::invalid_argument when fewer than five bytes are given (a programming fault: callers pass
// bytes from a CSPRNG).
std::string MakeConsultationNumber(std::span<const std::uint8_t> random_bytes);

// Accepts any case, with or without the "CN" prefix, ignoring hyphens and spaces. Rejects every
// single changed symbol and every swap of two adjacent symbols (check symbol included). Numbers
// issued before the check symbol was kept to the 32 (ending * ~ $ = U) are still accepted: the check
// is the same one.
bool IsValidConsultationNumber(std::string_view text);

// The number in its canonical form ("CN-7KQ2-M9XD-4"), or nullopt when it is not valid.
std::optional<std::string> NormaliseConsultationNumber(std::string_view text);

}  // namespace fd
