// The shipped list of common passwords (data/common-passwords.txt, compiled into the binary), which
// no account may use (ASVS V2.1.7; docs/security.md "Passwords").
#pragma once

#include <cstddef>
#include <string_view>

namespace fd::app {

// True when `password`, ignoring letter case, is on the list.
bool IsCommonPassword(std::string_view password);
// How many passwords the list holds (for tests and `frontdoor --help`-style reports).
std::size_t CommonPasswordCount();

}  // namespace fd::app
