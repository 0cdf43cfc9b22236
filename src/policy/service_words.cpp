#include "policy/service_words.h"

#include <array>

#include <fmt/format.h>

#include "calendar/hours_text.h"
#include "calendar/local_time.h"

namespace fd::policy {
namespace {

constexpr std::array<const char*, 7> kWeekdays{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                               "Saturday"};

// "the Safeguarding Out of Hours Service", or a plain description when the pack names none.
std::string OutOfHoursName(const IntakeClosed& closed) {
  return closed.out_of_hours ? "the " + closed.out_of_hours->name : std::string("our out-of-hours service");
}

std::string OpensAgain(const IntakeClosed& closed, const calendar::WorkingCalendar& calendar) {
  return closed.opens ? fmt::format(" (it opens again on {})", OpeningTimeForPeople(*closed.opens, calendar))
                      : std::string();
}

}  // namespace

std::string OpeningTimeForPeople(Instant at, const calendar::WorkingCalendar& calendar) {
  const auto day = std::chrono::floor<std::chrono::days>(calendar.ToLocal(at));
  const std::chrono::weekday weekday{std::chrono::sys_days{day.time_since_epoch()}};
  return fmt::format("{} {}", kWeekdays[weekday.c_encoding()], calendar::FormatLocalForPeople(at, calendar.zone_name()));
}

std::string OpeningHoursNow(const calendar::ServiceHours& service, const calendar::WorkingCalendar& calendar,
                            Instant now) {
  std::string text = service.weekly.empty() && service.bank_holiday_hours.empty()
                         ? fmt::format("The {} has no regular opening hours.", service.name)
                         : fmt::format("The {} is open {}.", service.name, calendar::DescribeHours(service));
  if (calendar.IsOpen(service, now)) return text;
  if (auto next = calendar.NextOpen(service, now))
    return text + fmt::format(" It is closed now and opens again on {}.", OpeningTimeForPeople(*next, calendar));
  return text + " It is closed now.";
}

std::optional<IntakeClosed> IntakeClosedAt(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                           Instant now) {
  const auto* intake = pack.Service(pack.routing.intake_service);
  if (!intake || calendar.IsOpen(*intake, now)) return std::nullopt;
  return IntakeClosed{intake, pack.Service(pack.routing.out_of_hours_service), calendar.NextOpen(*intake, now)};
}

std::string UrgentAdviceNow(const PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant now,
                            bool sending) {
  const auto closed = IntakeClosedAt(pack, calendar, now);
  if (!closed) return pack.routing.urgent_advice;
  const std::string where = OutOfHoursName(*closed);
  std::string text = fmt::format("If a child is in immediate danger, call 999 now. The {} is closed now{}.",
                                 closed->intake->name, OpensAgain(*closed, calendar));
  // HCR-18: out of its hours, contacts are diverted to the out-of-hours service; its number only
  // when the pack gives one (the procedures may not, and none is made up).
  const std::string phone = closed->out_of_hours ? pack.ContactOf(closed->out_of_hours->id).phone : std::string();
  if (!phone.empty())
    text += fmt::format(" Until then, call {} on {} straight away and say it is urgent.", where, phone);
  else
    text += fmt::format(" Until then, urgent concerns go to {}.", where);
  // Not "it goes straight to" the out-of-hours service: it reaches someone there only when the
  // council has put someone on out-of-hours duty (app/out_of_hours.h), which this cannot know.
  if (sending)
    text += " If you send this request now, it is kept, shown to anyone on out-of-hours duty, and seen first when "
            "the centre opens.";
  return text;
}

std::string WithEmergencyNumber(const std::string& advice) {
  if (advice.empty())
    return "If a child is in immediate danger, call 999 now. Otherwise call us straight away and say it is urgent.";
  if (advice.find("999") == std::string::npos) return "If a child is in immediate danger, call 999 now. " + advice;
  return advice;
}

}  // namespace fd::policy
