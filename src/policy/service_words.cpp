#include "policy/service_words.h"

#include <array>

#include <fmt/format.h>

#include "calendar/hours_text.h"
#include "calendar/local_time.h"

namespace fd::policy {
namespace {

constexpr std::array<const char*, 7> kWeekdays{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                               "Saturday"};

// HCR-18: the out-of-hours service is named only when the pack names one (the procedures may not,
// and none is made up).
std::string OutOfHoursName(const FrontDoorClosed& closed) { return "the " + closed.out_of_hours->name; }

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

std::string ClosedNowWords(const FrontDoorClosed& closed, const calendar::WorkingCalendar& calendar) {
  const std::string what = closed.intake ? "The " + closed.intake->name + " is closed now" : "Our offices are closed now";
  if (!closed.opens) return what;
  return fmt::format("{} ({} again on {})", what, closed.intake ? "it opens" : "they open",
                     OpeningTimeForPeople(*closed.opens, calendar));
}

std::string WhenItOpens(const FrontDoorClosed& closed) {
  return closed.intake ? "when the " + closed.intake->name + " opens" : std::string("when our offices open");
}

std::string DueForPeople(Instant due, const calendar::WorkingCalendar& calendar) {
  const auto local = calendar.ToLocal(due);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const calendar::Date date{std::chrono::sys_days{day.time_since_epoch()}};
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  if (minute == calendar.office_hours().start_minute && calendar.IsWorkingDay(date)) {
    // The working day before it, bounded as a run of bank holidays and a weekend is.
    auto before = std::chrono::sys_days{date};
    for (int i = 0; i < 31; ++i) {
      before -= std::chrono::days{1};
      if (calendar.IsWorkingDay(calendar::Date{before})) {
        const std::chrono::weekday weekday{before};
        return fmt::format("by the end of {} {}", kWeekdays[weekday.c_encoding()],
                           calendar::FormatDateForPeople(calendar::Date{before}));
      }
    }
  }
  return "by " + OpeningTimeForPeople(due, calendar);
}

std::string UrgentAdviceNow(const PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant now,
                            bool sending) {
  const auto closed = FrontDoorClosedAt(pack, calendar, now);
  if (!closed) return pack.routing.urgent_advice;
  // Not the pack's "call us straight away": its number is the front door's, closed now.
  std::string text =
      fmt::format("If a child is in immediate danger, call 999 now. {}.", ClosedNowWords(*closed, calendar));
  // HCR-18: out of its hours, contacts are diverted to the out-of-hours service; its number only
  // when the pack gives one (the procedures may not, and none is made up). A pack naming no
  // out-of-hours service (Kent) is given no words for one: there is no route to send them to.
  if (closed->out_of_hours) {
    const std::string where = OutOfHoursName(*closed);
    const std::string phone = pack.ContactOf(closed->out_of_hours->id).phone;
    if (!phone.empty())
      text += fmt::format(" Until then, call {} on {} straight away and say it is urgent.", where, phone);
    else
      text += fmt::format(" Until then, urgent concerns go to {}.", where);
  }
  // Not "it goes straight to" the out-of-hours service: it reaches someone there only when the
  // council has put someone on out-of-hours duty (app/out_of_hours.h), which this cannot know.
  if (sending)
    text += fmt::format(" If you send this request now, it is kept, shown to anyone on out-of-hours duty, and seen "
                        "first when the {}.",
                        closed->intake ? "centre opens" : "offices open");
  return text;
}

std::string WithEmergencyNumber(const std::string& advice) {
  if (advice.empty())
    return "If a child is in immediate danger, call 999 now. Otherwise call us straight away and say it is urgent.";
  if (advice.find("999") == std::string::npos) return "If a child is in immediate danger, call 999 now. " + advice;
  return advice;
}

}  // namespace fd::policy
