// NHS numbers (HCR-17): ten digits, the last a Modulus 11 check digit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fd {

// Accepts "943 476 5919", "943-476-5919" or "9434765919". Returns the ten digits when the number
// is well formed and its check digit is right; nullopt otherwise.
std::optional<std::string> NormaliseNhsNumber(std::string_view text);
bool IsValidNhsNumber(std::string_view text);

}  // namespace fd
