// What a form says when a phone number or e-mail address given to reach someone cannot be one
// (LooksLikePhoneNumber, LooksLikeEmail in domain/text.h): the same words wherever it is asked, the
// intake and the portal (a referrer) and the consultation line (a consultee, FDS-6, FDS-9).
#pragma once

#include <string_view>

namespace fd {

inline constexpr std::string_view kEmailFormatMessage =
    "Enter an email address in the correct format, like name@example.org";
inline constexpr std::string_view kPhoneNumberFormatMessage =
    "Enter a phone number, like 01632 960 001 or +44 7700 900 982";

}  // namespace fd
