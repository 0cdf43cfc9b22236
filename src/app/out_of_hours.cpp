#include "app/out_of_hours.h"

#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "notify/outbox.h"
#include "notify/secure_recipients.h"
#include "policy/front_door_hours.h"
#include "policy/rule_citations.h"
#include "policy/service_words.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

// "unexplained injuries and police protection": the pack's words for the contact's indicators.
std::string IndicatorWords(const policy::PolicyPack& pack, const Contact& contact) {
  std::string out;
  for (std::size_t i = 0; i < contact.intake.indicators.size(); ++i) {
    const std::string& id = contact.intake.indicators[i];
    std::string label = id;
    for (const auto& indicator : pack.significant_harm_indicators)
      if (indicator.id == id) label = indicator.label;
    if (i > 0) out += i + 1 == contact.intake.indicators.size() ? " and " : ", ";
    out += label;
  }
  return out.empty() ? std::string("urgent") : out;
}

// "the Customer Service Centre was closed" or "the offices were closed".
std::string WhatWasClosed(const policy::PolicyPack& pack) {
  if (const auto* intake = pack.Service(pack.routing.intake_service)) return "the " + intake->name + " was closed";
  return "the offices were closed";
}

// The e-mail holds what a duty worker needs to find the contact and judge how fast to act (the
// reference, when, the indicators and a link), never the child's or family's names or the concern:
// those are read in frontdoor, signed in, where reading them is audited.
bool EmailOutOfHours(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack,
                     const Contact& contact, std::int64_t user_id, const std::string& address, Instant now) {
  const std::string subject =
      fmt::format("URGENT: contact {} received while the front door is closed", contact.reference);
  const std::string body = fmt::format(
      "An urgent contact about a child reached {}'s front door at {}, while {}.\n\n"
      "Reference: {}\nSignificant-harm indicators given: {}\n\nOpen it in frontdoor (sign in): {}/contacts/{}\n\n"
      "This e-mail holds no details of the child or family: they are on the contact. You are sent it as a member "
      "of {} in frontdoor. The front door's managers have been told too.\n",
      pack.authority_name, calendar::FormatLocalForPeople(contact.received_at, ctx.time_zone), WhatWasClosed(pack),
      contact.reference, IndicatorWords(pack, contact), ctx.public_url, contact.id, OutOfHoursServiceName(pack));
  // One per duty worker per contact.
  return notify::Enqueue(tx,
                         {address, subject, body, "contact", contact.id, "out-of-hours",
                          notify::IdempotencyKey("contact", contact.id, "out-of-hours:" + std::to_string(user_id))},
                         now);
}

struct DutyWorker {
  std::int64_t id = 0;
  std::string email;  // on one of the pack's secure domains, else empty (KCR-5)
};

// The active members of the out-of-hours team.
std::vector<DutyWorker> OnDuty(store::Transaction& tx, const policy::PolicyPack& pack) {
  std::vector<DutyWorker> out;
  for (const auto& r : tx.Query("SELECT u.id, u.email FROM users u JOIN teams t ON t.id = u.team_id WHERE t.name = ? "
                                "AND u.active = 1 ORDER BY u.id",
                                {OutOfHoursTeam(pack)})) {
    const std::string email = r.IsNull(1) ? std::string() : r.Text(1);
    // KCR-5: even with no names in it, an e-mail about a child goes only to a secure address.
    out.push_back({r.Int(0), notify::IsSecureAddress(email, pack.secure_email_domains) ? email : std::string()});
  }
  return out;
}

bool AnyEmail(const std::vector<DutyWorker>& duty) {
  for (const auto& d : duty)
    if (!d.email.empty()) return true;
  return false;
}

// The active team managers of the front door's own team (configuration `intake.team`), else of the
// contact's team.
std::vector<std::int64_t> FrontDoorManagers(store::Transaction& tx, const AppContext& ctx, const Contact& contact) {
  std::optional<std::int64_t> team = contact.team_id;
  if (!ctx.intake_team.empty())
    if (auto rows = tx.Query("SELECT id FROM teams WHERE name = ?", {ctx.intake_team}); !rows.empty())
      team = rows[0].Int(0);
  std::vector<std::int64_t> out;
  if (!team) return out;
  for (const auto& r : tx.Query("SELECT id FROM users WHERE team_id = ? AND role = 'team_manager' AND active = 1 "
                                "ORDER BY id",
                                {*team}))
    out.push_back(r.Int(0));
  return out;
}

}  // namespace

bool FrontDoorOpen(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  return policy::FrontDoorOpenAt(pack, calendar, at);
}

std::string OutOfHoursServiceName(const policy::PolicyPack& pack) {
  if (const auto* service = pack.Service(pack.routing.out_of_hours_service)) return "the " + service->name;
  return "the out-of-hours service";
}

std::string OutOfHoursTeam(const policy::PolicyPack& pack) {
  if (const auto* service = pack.Service(pack.routing.out_of_hours_service)) return service->name;
  return "Out of Hours Service";
}

bool OutOfHoursReachable(store::Transaction& tx, const policy::PolicyPack& pack) { return AnyEmail(OnDuty(tx, pack)); }

std::string OutOfHoursNote(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack,
                           const Contact& contact) {
  const std::string service = OutOfHoursServiceName(pack);
  const auto duty = OnDuty(tx, pack);
  std::string note = fmt::format("Urgent, and received while {}: ", WhatWasClosed(pack));
  if (AnyEmail(duty)) note += fmt::format("sent at once by secure e-mail to {} (its team in frontdoor)", service);
  else if (!duty.empty())
    note += fmt::format("{} has a notice in frontdoor, but no member of its team has a secure e-mail address to be "
                        "sent it",
                        service);
  else note += fmt::format("nobody from {} is set up in frontdoor to be sent it", service);
  note += FrontDoorManagers(tx, ctx, contact).empty()
              ? "; the front door has no active team manager to tell (HCR-18, KCR-8)."
              : "; the front door's managers are told (HCR-18, KCR-8).";
  return policy::CiteRules(pack, note);
}

void AlertOutOfHours(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack, const Actor& actor,
                     const Contact& contact, Instant now) {
  const std::string service = OutOfHoursServiceName(pack);
  const std::string indicators = IndicatorWords(pack, contact);
  const std::string link = "/contacts/" + std::to_string(contact.id);
  const auto duty = OnDuty(tx, pack);
  nlohmann::json emailed = nlohmann::json::array();
  for (const auto& worker : duty) {
    store::InsertStaffNotice(tx, worker.id,
                             fmt::format("URGENT: contact {} ({}) arrived while {}: out-of-hours action needed",
                                         contact.reference, indicators, WhatWasClosed(pack)),
                             link, now);
    if (!worker.email.empty() && EmailOutOfHours(tx, ctx, pack, contact, worker.id, worker.email, now))
      emailed.push_back(worker.email);
  }
  // The managers are told either way: the e-mail reaches the night, the notice the first manager in.
  const std::string message =
      !emailed.empty()
          ? fmt::format("URGENT: contact {} ({}) arrived while {}: it was e-mailed to {}; check what was done",
                        contact.reference, indicators, WhatWasClosed(pack), service)
          : fmt::format("URGENT: contact {} ({}) arrived while {}, and nobody out of hours could be e-mailed it: act "
                        "on it first",
                        contact.reference, indicators, WhatWasClosed(pack));
  const auto managers = FrontDoorManagers(tx, ctx, contact);
  for (const auto id : managers) store::InsertStaffNotice(tx, id, message, link, now);
  nlohmann::json changes = {{"indicators", contact.intake.indicators},
                            {"out_of_hours_team", OutOfHoursTeam(pack)},
                            {"duty_told", duty.size()},
                            {"emailed", std::move(emailed)},
                            {"managers_told", managers.size()}};
  audit::Append(tx, {now, actor.user_id, actor.username, "contact.out_of_hours_alerted", "contact",
                     std::to_string(contact.id), std::move(changes)});
}

std::optional<ClosedReceiptWords> ClosedReceipt(const AppContext& ctx, const policy::PolicyPack& pack, Instant now,
                                                bool sent) {
  const auto& calendar = ctx.procedures.CalendarAt(now);
  const auto closed_now = policy::FrontDoorClosedAt(pack, calendar, now);
  if (!closed_now) return std::nullopt;
  const std::string closed = policy::ClosedNowWords(*closed_now, calendar);
  const std::string when = policy::WhenItOpens(*closed_now);
  ClosedReceiptWords words;
  if (sent) {
    const std::string service = OutOfHoursServiceName(pack);
    words.advice = fmt::format("If a child is in immediate danger, call 999 now. {}, so your request has gone "
                               "straight to {}.",
                               closed, service);
    words.priority = fmt::format("You told us a child may be at risk of significant harm, so {} has been sent it now, "
                                 "and it is at the top of our queue, to be looked at first {}.",
                                 service, when);
    words.next = fmt::format("{} has been sent it now. A social worker will also look at what you told us before "
                             "other requests {} and decide what happens next.",
                             service, when);
  } else {
    // Nobody is on duty to read it: promising a prompt look would not be true (KCR-8).
    words.advice = fmt::format("If a child is in immediate danger, call 999 now. {}, and nobody can read your "
                               "request until then.",
                               closed);
    words.priority = fmt::format("You told us a child may be at risk of significant harm, so your request is at the "
                                 "top of our queue, to be looked at first {}.",
                                 when);
    words.next = fmt::format("A social worker will look at what you told us before other requests {} and decide what "
                             "happens next.",
                             when);
  }
  if (!words.next.empty()) words.next[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words.next[0])));
  return words;
}

std::optional<std::string> ClosedRoutineNext(const AppContext& ctx, const policy::PolicyPack& pack, Instant now,
                                             Instant decision_due) {
  const auto& calendar = ctx.procedures.CalendarAt(now);
  const auto closed = policy::FrontDoorClosedAt(pack, calendar, now);
  if (!closed) return std::nullopt;
  // "Within one working day" alone leaves them to count it from a day they cannot see; the day it
  // is due, from the deadline recorded, is what they can plan by (CAL-3 counts from the opening).
  return fmt::format("{}. A social worker will look at what you told us and decide what happens next within one "
                     "working day, {}.",
                     policy::ClosedNowWords(*closed, calendar),
                     policy::DueForPeople(decision_due, ctx.procedures.CalendarAt(decision_due)));
}

}  // namespace fd::app
