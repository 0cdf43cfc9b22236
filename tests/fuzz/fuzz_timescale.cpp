// Timescale strings as policy packs write them ("24 hours", "1 working day"): ParseTimescale
// answers for any text; what it accepts prints back to text that parses to the same timescale, and
// a due time can be computed from it on a real working calendar without fault.
#include <chrono>

#include "calendar/timescale.h"
#include "calendar/working_calendar.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fd::fuzz::Check;
  using namespace std::chrono;
  // England's zone with a few bank holidays, so working-day counting crosses them.
  static const fd::calendar::WorkingCalendar calendar(
      "Europe/London", {year_month_day{year{2026}, December, day{25}}, year_month_day{year{2026}, December, day{28}},
                        year_month_day{year{2027}, January, day{1}}});
  const auto parsed = fd::calendar::ParseTimescale(fd::fuzz::Text(data, size));
  if (!parsed) {
    Check(!parsed.error().empty(), "a refused timescale has no message");
    return 0;
  }
  const auto again = fd::calendar::ParseTimescale(parsed->ToString());
  Check(again.has_value() && *again == *parsed, "a timescale does not survive ToString and ParseTimescale");
  Check(parsed->kind == fd::calendar::Timescale::Kind::kImmediately || (parsed->count >= 1 && parsed->count <= 1000),
        "a timescale's count is outside 1…1000");
  // A Friday evening before Christmas: the hardest case for working days.
  const fd::Instant from = sys_days{year_month_day{year{2026}, December, day{24}}} + hours{17} + minutes{30};
  const fd::Instant due = calendar.Due(*parsed, from);
  Check(due >= from, "a timescale's due time is before it started");
  return 0;
}
