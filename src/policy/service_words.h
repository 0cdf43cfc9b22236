// What referrers are told about a pack's services by the clock: a service's hours in words and
// whether it is open now (HCR-8, HCR-9), and whom to call when a child may be at imminent risk
// while the intake service is open or closed (HCR-12, HCR-18). The portal's form before sending, its
// receipt, a returned red form and the "not sent" answers all say it from here, so they never
// disagree. Pure: the pack, its calendar and the time come in as arguments.
#pragma once

#include <optional>
#include <string>

#include "calendar/working_calendar.h"
#include "domain/instant.h"
#include "policy/policy_pack.h"

namespace fd::policy {

// "Monday 30 November 2026 at 9:00am": a time a service opens, with its day of the week, since the
// reader wants to know whether it is tomorrow or after the weekend.
std::string OpeningTimeForPeople(Instant at, const calendar::WorkingCalendar& calendar);

// HCR-8: "The Consultation Hub is open Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm; closed on
// bank holidays." and, when it is closed at `now`, "It is closed now and opens again on Monday 30
// November 2026 at 9:00am." (or "It is closed now." when it never opens again).
std::string OpeningHoursNow(const calendar::ServiceHours& service, const calendar::WorkingCalendar& calendar,
                            Instant now);

// HCR-18: the pack's intake service (the Customer Service Centre) closed at `now`, the out-of-hours
// service its contacts go to meanwhile (nullptr when the pack names none) and when it opens again.
// nullopt while it is open, or when the pack names no intake service (then it is never "closed").
struct IntakeClosed {
  const calendar::ServiceHours* intake = nullptr;
  const calendar::ServiceHours* out_of_hours = nullptr;
  std::optional<Instant> opens;
};
std::optional<IntakeClosed> IntakeClosedAt(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                           Instant now);

// HCR-12, HCR-18: whom to call now if a child may be at imminent risk. While the intake service is
// open (or the pack has none), the pack's urgent_advice, which names its number. While it is closed:
// 999 for immediate danger, that the service is closed and when it opens, and the out-of-hours
// service, with its number when the pack gives one. `sending` adds, for someone about to send a
// request, that it would go straight to the out-of-hours service. Empty when the pack gives no
// urgent_advice and the intake service is open (the page adds its own words then).
std::string UrgentAdviceNow(const PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant now,
                            bool sending);

// HCR-12: urgent advice as a referrer is shown it: always with 999 first, and with words of its own
// when the pack gives none ("call us straight away and say it is urgent").
std::string WithEmergencyNumber(const std::string& advice);

}  // namespace fd::policy
