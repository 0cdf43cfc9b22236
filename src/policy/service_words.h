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
#include "policy/front_door_hours.h"
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

// HCR-18, KCR-8: "The Customer Service Centre is closed now (it opens again on Monday 30 November
// 2026 at 8:00am)", or for a pack with no intake service "Our offices are closed now (they open again
// on ...)": the front door closed (policy/front_door_hours.h), as a sentence without its full stop.
std::string ClosedNowWords(const FrontDoorClosed& closed, const calendar::WorkingCalendar& calendar);

// "when the Customer Service Centre opens", "when our offices open".
std::string WhenItOpens(const FrontDoorClosed& closed);

// CAL-3, KCR-8, HCR-27: a deadline the system recorded, in words a referrer can plan by. One due at
// the start of office hours is the end of the working day before it on the working clock, so it is
// "by the end of Monday 30 November 2026", as people count a working day; any other is "by Tuesday 1
// December 2026 at 11:30am". Only words for the instant given: never a second count of the days.
std::string DueForPeople(Instant due, const calendar::WorkingCalendar& calendar);

// HCR-12, HCR-18, KCR-8: whom to call now if a child may be at imminent risk. While the front door
// is open (policy/front_door_hours.h), the pack's urgent_advice, which names its number. While it is
// closed: 999 for immediate danger, that it is closed and when it opens, and the out-of-hours
// service, with its number when the pack gives one (nothing of one when the pack names none: Kent). `sending` adds, for someone about to send a
// request, that it would go straight to the out-of-hours service. Empty when the pack gives no
// urgent_advice and the intake service is open (the page adds its own words then).
std::string UrgentAdviceNow(const PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant now,
                            bool sending);

// HCR-12: urgent advice as a referrer is shown it: always with 999 first, and with words of its own
// when the pack gives none ("call us straight away and say it is urgent").
std::string WithEmergencyNumber(const std::string& advice);

}  // namespace fd::policy
