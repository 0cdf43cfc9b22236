// Dates and times as they arrive in requests and packs: ISO dates (YYYY-MM-DD, dates of birth),
// UTC instants (…Z, in the API) and local wall-clock times (calendar commands). Each parser answers
// for any text; what it accepts is a real date or time that prints back to the same text.
#include <chrono>

#include "calendar/working_calendar.h"
#include "domain/contact.h"
#include "domain/instant.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fd::fuzz::Check;
  static const fd::calendar::WorkingCalendar calendar("Europe/London", {});
  const std::string_view text = fd::fuzz::Text(data, size);

  if (const auto date = fd::ParseIsoDate(text)) {
    Check(date->ok(), "ParseIsoDate accepted a date that does not exist");
    Check(fd::ParseIsoDate(fd::FormatIsoDate(*date)) == date, "an ISO date does not survive FormatIsoDate");
  }
  if (const auto instant = fd::ParseUtc(text)) {
    Check(fd::FormatUtc(*instant) == text, "a UTC instant does not print back to the text it came from");
    // Any instant can be shown in local time, and the local time found again (GMT/BST).
    const auto local = calendar.ToLocal(*instant);
    const auto back = calendar.FromLocal(local);
    Check(!back || *back <= *instant + std::chrono::hours(1), "a local time maps far from its instant");
    (void)calendar.FormatLocal(*instant);
  }
  if (const auto local = fd::calendar::ParseLocalTime(text)) {
    const auto instant = calendar.FromLocal(*local);  // an error for a skipped hour, never a fault
    if (instant) Check(calendar.ToLocal(*instant) == *local, "a local time does not survive FromLocal and ToLocal");
  }
  return 0;
}
