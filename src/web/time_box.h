// A time of day typed in one box beside GOV.UK date boxes ("14:30", "2:30pm", "9.05"), for a form
// that asks when something happened. The use cases take "YYYY-MM-DDTHH:MM" local time; people type
// the hour and minute as they say them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "web/date_boxes.h"

namespace fd::web {

// "HH:MM" (24-hour) for what was typed, or nullopt when it is not a time of day. Takes "14:30",
// "14.30", "1430", "2:30pm", "2pm", "12am" (midnight) and "12pm" (midday).
std::optional<std::string> TimeOfDay(std::string_view typed);

// Why `typed` is not a time, in words for the page ("Enter the time it was held, for example
// 14:30"); nullopt when it is one. `what` ends the sentence: "Enter the time {what}".
std::optional<std::string> TimeFault(std::string_view what, std::string_view typed);

// "YYYY-MM-DDTHH:MM" from the boxes and the time box for the use case; "" when all are empty; text
// the use case refuses when any part is missing or wrong (and DateBoxesFault / TimeFault say which).
std::string LocalDateTime(const DateBoxes& date, std::string_view time);

}  // namespace fd::web
