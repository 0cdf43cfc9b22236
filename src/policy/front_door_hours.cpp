#include "policy/front_door_hours.h"

namespace fd::policy {
namespace {

// Office hours on working days, as a service, so that "when it opens again" is found as for any
// service: closed at weekends and on bank holidays, as WorkingCalendar::IsWorkingTime.
calendar::ServiceHours OfficeHours(const calendar::WorkingCalendar& calendar) {
  calendar::ServiceHours office;
  office.id = "office-hours";
  office.name = "offices";
  office.closed_on_bank_holidays = true;
  for (unsigned day = 1; day <= 5; ++day) office.weekly.push_back({day, calendar.office_hours()});
  return office;
}

}  // namespace

std::optional<FrontDoorClosed> FrontDoorClosedAt(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                                 Instant at) {
  const auto* out_of_hours = pack.Service(pack.routing.out_of_hours_service);
  if (const auto* intake = pack.Service(pack.routing.intake_service)) {
    if (calendar.IsOpen(*intake, at)) return std::nullopt;
    return FrontDoorClosed{intake, out_of_hours, calendar.NextOpen(*intake, at)};
  }
  if (calendar.IsWorkingTime(at)) return std::nullopt;
  return FrontDoorClosed{nullptr, out_of_hours, calendar.NextOpen(OfficeHours(calendar), at)};
}

}  // namespace fd::policy
