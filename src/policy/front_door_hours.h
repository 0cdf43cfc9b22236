// HCR-18, KCR-8: the one rule for whether the front door takes contacts now. Every caller asks it
// here (the portal's advice before sending and its "not sent" answer, the receipts, the
// acknowledgement e-mail, routing, the out-of-hours alerts, a returned red form), so no page says
// "call us straight away" while another says the offices are closed. Pure: the pack, its calendar and
// the time come in as arguments. docs/decisions.md "One rule for whether the front door is open".
#pragma once

#include <optional>

#include "calendar/working_calendar.h"
#include "domain/instant.h"
#include "policy/policy_pack.h"

namespace fd::policy {

// The front door closed at a time: which hours it keeps (the pack's intake service, or none when the
// pack names none and office hours on working days apply), the out-of-hours service its contacts go
// to meanwhile (nullptr when the pack names none) and when it opens again (nullopt: never, as far as
// the calendar looks).
struct FrontDoorClosed {
  const calendar::ServiceHours* intake = nullptr;  // Hertfordshire's Customer Service Centre; nullptr: Kent's offices
  const calendar::ServiceHours* out_of_hours = nullptr;
  std::optional<Instant> opens;
};

// nullopt while the front door is open at `at`: the intake service's hours when the pack names one
// (HCR-18: Hertfordshire's Customer Service Centre, Saturday mornings included), else the pack's
// office hours on working days (KCR-8: Kent's seeds give its contact route no hours of its own, and
// nobody screens outside office hours).
std::optional<FrontDoorClosed> FrontDoorClosedAt(const PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                                                 Instant at);

inline bool FrontDoorOpenAt(const PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  return !FrontDoorClosedAt(pack, calendar, at).has_value();
}

}  // namespace fd::policy
