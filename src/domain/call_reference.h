// HCR-15: the reference a professional was given when they phoned, quoted on their written request so
// that it is recorded as the call's written confirmation (docs/decisions.md "A written request quoting
// the call's reference"). The one place its format is checked and made canonical. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace fd {

// "FD-2026-000123" (FormatContactReference) is 14; the rest is room for slips.
inline constexpr std::size_t kMaxCallReferenceLength = 40;

// The quoted reference as kept: trimmed and in upper case ("fd-2026-000123 " is "FD-2026-000123"), as
// contact references are printed; "" when blank. Anything else up to kMaxCallReferenceLength
// characters is kept, a frontdoor reference or not: a slip must never turn a referral away, and staff
// are told on the contact what it confirmed. Longer, not UTF-8 or holding control characters, adds an
// error on `field` to `errors` and gives "".
std::string ReadCallReference(std::string_view given, const std::string& field, std::vector<FieldError>& errors);

}  // namespace fd
