#include "domain/age.h"

namespace fd {

bool AdultOn(std::chrono::year_month_day date_of_birth, std::chrono::year_month_day day) {
  const std::chrono::year_month_day birthday = date_of_birth + std::chrono::years{18};
  const std::chrono::sys_days eighteenth =
      birthday.ok() ? std::chrono::sys_days(birthday)
                    : std::chrono::sys_days(std::chrono::year_month_day{birthday.year(), std::chrono::March,
                                                                        std::chrono::day{1}});
  return eighteenth <= std::chrono::sys_days(day);
}

}  // namespace fd
