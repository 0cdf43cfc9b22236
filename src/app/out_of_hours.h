// HCR-18, KCR-8: an urgent contact that arrives while the front door is closed must reach someone
// who can act before it opens. Who is on out-of-hours duty is the out-of-hours team: the active
// members of the team named after the pack's out-of-hours service (Hertfordshire: "Safeguarding Out
// of Hours Service"; a pack naming none: "Out of Hours Service"), added like any account (`user add
// --team`). Each is e-mailed at once at their secure address (the reference, the indicators and a
// link: nothing of the family) and has a staff notice; the front door's managers always have a
// notice too, so the first manager in sees it first. The referrer's receipt and the routing note say
// only what really happened. docs/decisions.md "Urgent contacts out of hours reach someone, and the
// front door's queue shows them".
#pragma once

#include <optional>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "calendar/working_calendar.h"
#include "domain/contact.h"
#include "policy/policy_pack.h"
#include "store/store.h"

namespace fd::app {

// Whether the front door takes contacts at `at`: policy/front_door_hours.h, the one rule (the pack's
// intake service's hours when it names one, HCR-18; else office hours on working days, KCR-8).
bool FrontDoorOpen(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at);

// What the out-of-hours service is called: the pack's `[routing] out_of_hours_service`, else
// "the out-of-hours service".
std::string OutOfHoursServiceName(const policy::PolicyPack& pack);

// The name of the team whose active members are on out-of-hours duty under `pack`: the pack's
// out-of-hours service's name, else "Out of Hours Service".
std::string OutOfHoursTeam(const policy::PolicyPack& pack);

// Whether an urgent contact under `pack` would now be e-mailed to someone on out-of-hours duty: an
// active member of the out-of-hours team with an address on one of the pack's secure domains (KCR-5).
bool OutOfHoursReachable(store::Transaction& tx, const policy::PolicyPack& pack);

// For the routing note of an urgent contact received while the front door was closed, before it is
// written: who AlertOutOfHours will tell, rules cited for the pack.
std::string OutOfHoursNote(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack,
                           const Contact& contact);

// In the contact's own transaction, once it is written, for an urgent contact (not a returned form)
// received while the front door was closed: a staff notice and, at a secure address, an e-mail to
// each active member of the out-of-hours team; a staff notice to each active team manager of the
// front door's team (configuration `intake.team`, else the contact's team); and the audit event
// `contact.out_of_hours_alerted`.
void AlertOutOfHours(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack, const Actor& actor,
                     const Contact& contact, Instant now);

// What an urgent portal receipt says, read at `now`, while the front door is closed: where to turn
// in immediate danger (999), that it is closed and when it opens, and where the request went: to
// the out-of-hours service only when it was really sent there (`sent`: OutOfHoursReachable when the
// contact was recorded). nullopt while the front door is open.
struct ClosedReceiptWords {
  std::string advice;     // the receipt's urgent_advice
  std::string priority;   // its urgent_priority
  std::string next;       // its what_happens_next, for a request at the front door
};
std::optional<ClosedReceiptWords> ClosedReceipt(const AppContext& ctx, const policy::PolicyPack& pack, Instant now,
                                                bool sent);

// HCR-18, KCR-8, CAL-3: what a routine (not urgent) request's receipt and acknowledgement e-mail say
// happens next, read at `now`, while the front door is closed: that it is closed and when it opens,
// and by when a decision is due, in words, from `decision_due`: the decision deadline the system
// recorded for the contact (never counted again here). nullopt while the front door is open.
std::optional<std::string> ClosedRoutineNext(const AppContext& ctx, const policy::PolicyPack& pack, Instant now,
                                             Instant decision_due);

}  // namespace fd::app
