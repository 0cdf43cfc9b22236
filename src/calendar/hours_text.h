// A service's opening hours in words, as the request form shows them beside each consultation line
// (FDS-1, HCR-8): "Monday to Friday, 10am to 4pm; closed on bank holidays". Pure.
#pragma once

#include <string>

#include "calendar/working_calendar.h"

namespace fd::calendar {

// "10am", "4:30pm", "midday".
std::string ClockTimeForPeople(int minute_of_day);
// Days with the same hours are joined into ranges ("Monday to Thursday, 9am to 5pm; Friday, 9am to
// 4pm"); the bank-holiday rule follows.
std::string DescribeHours(const ServiceHours& service);

}  // namespace fd::calendar
