// A child is under 18 (Children Act 1989 s105). Pure calendar arithmetic.
#pragma once

#include <chrono>

namespace fd {

// Whether someone born on `date_of_birth` is 18 or over on `day`, by the calendar: born on
// 29 February, they turn 18 on 1 March.
bool AdultOn(std::chrono::year_month_day date_of_birth, std::chrono::year_month_day day);

}  // namespace fd
