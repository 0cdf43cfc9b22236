#include "app/contacts.h"

#include <algorithm>

#include "app/call_confirmations.h"
#include "app/consultation_links.h"
#include "app/contact_json.h"
#include "app/deadlines.h"
#include "app/fast_track.h"
#include "app/idempotent_contacts.h"
#include "app/out_of_hours.h"
#include "app/permissions.h"
#include "app/record_access.h"
#include "app/referrer_identity.h"
#include "audit/audit_log.h"
#include "app/referrer_messages.h"
#include "app/returned_forms.h"
#include "app/routing.h"
#include "app/same_child.h"
#include "app/status_links.h"
#include "app/urgent_advice.h"
#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "policy/front_door_hours.h"
#include "policy/rule_citations.h"
#include "policy/service_words.h"
#include "domain/text.h"
#include "store/deadline_records.h"
#include "store/idempotency_records.h"
#include "store/queue_columns.h"
#include "store/same_child_records.h"
#include "store/workflow_records.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace fd::app {

namespace {

IntakeRules RulesOf(const policy::PolicyPack& pack) {
  IntakeRules rules;
  for (const auto& i : pack.significant_harm_indicators) rules.indicator_ids.push_back(i.id);
  rules.red_and_green_forms = pack.intake.red_and_green_forms;
  rules.health_contacts_need_nhs_number = pack.intake.health_contacts_need_nhs_number;
  rules.health_contacts_need_form = pack.intake.health_contacts_need_form;
  rules.hub_advice = pack.HasHubAdvice();
  rules.call_references = TracksWrittenConfirmationOfCalls(pack);  // HCR-15
  return rules;
}

// A contact's clock and the server's may differ by a little: a time this far ahead is taken as now.
constexpr std::chrono::seconds kClockSkew{120};

// KCR-8, HCR-27: a call taken before it was typed is received when it was taken. The time the draft
// gives (the API's ISO 8601 time with offset, or the page's local date and time), or nullopt when it
// gives none (received now). Never in the future, and at most the pack's received_days_before
// earlier; each problem is added to `errors` on "received_at".
std::optional<Instant> ReceivedAtOf(const AppContext& ctx, const ContactDraft& draft, Instant now,
                                    std::vector<FieldError>& errors) {
  std::optional<Instant> at;
  const std::string iso = Trim(draft.received_at), date = Trim(draft.received_date), time = Trim(draft.received_time);
  if (!iso.empty()) {
    at = ParseIsoWithOffset(iso);
    if (!at) {
      errors.push_back({"received_at", "Give when the contact was received as an ISO 8601 time with its offset from "
                                       "UTC, like 2026-11-27T16:50:00+00:00"});
      return std::nullopt;
    }
  } else if (!date.empty() || !time.empty()) {
    auto local = calendar::ParseLocalTime(date + "T" + time);
    if (!local) {
      errors.push_back({"received_at", "Enter when the call or e-mail was received: the date like 2026-11-27 and the "
                                       "time like 16:50"});
      return std::nullopt;
    }
    auto instant = ctx.procedures.CalendarAt(now).FromLocal(*local);
    if (!instant) {
      errors.push_back({"received_at", instant.error()});
      return std::nullopt;
    }
    at = *instant;
  } else {
    return std::nullopt;
  }
  if (*at > now + kClockSkew) {
    errors.push_back({"received_at", "When the contact was received cannot be in the future"});
    return std::nullopt;
  }
  const int days = ctx.procedures.PackAt(now).intake.received_days_before;
  if (*at < now - std::chrono::days{days}) {
    errors.push_back(
        {"received_at", fmt::format("When the contact was received can be at most {} days before it is recorded (after "
                                    "{}); an older contact is recorded as received now, its history in the concern",
                                    days, calendar::FormatLocalForPeople(now - std::chrono::days{days}, ctx.time_zone))});
    return std::nullopt;
  }
  return std::min(*at, now);
}

// Adds the referrer's phone problem after the other problems with who the referrer is, where the
// form asks it, so the error summary keeps the page's order.
void AddReferrerProblem(std::vector<FieldError>& errors, FieldError problem) {
  auto at = errors.begin();
  for (auto it = errors.begin(); it != errors.end(); ++it)
    if (it->field.starts_with("referrer") || it->field == "received_at") at = std::next(it);
  errors.insert(at, std::move(problem));
}

// Checks the draft and its received time together, so every problem is reported at once.
Result<NewContact> CheckDraft(const AppContext& ctx, const ContactDraft& draft, Instant now, IntakeRules rules,
                              std::optional<Instant>& received, ReferrerDetails details) {
  std::vector<FieldError> errors;
  received = ReceivedAtOf(ctx, draft, now, errors);
  // The child's age is as on the day the contact came in.
  auto valid = ValidateContact(draft, calendar::LocalDate(received.value_or(now), ctx.time_zone), rules);
  if (!valid && !valid.error().IsInvalid()) return valid;
  if (!valid) errors.insert(errors.begin(), valid.error().fields.begin(), valid.error().fields.end());
  if (details == ReferrerDetails::kAtIntake)
    if (auto phone = PhoneNeededToHearOutcome(draft, ctx.procedures.PackAt(now), false))
      AddReferrerProblem(errors, {"referrer.phone", *phone});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return valid;
}

// The portal has no signed-in user; its contacts are recorded by this account, which cannot sign in.
Actor PortalActor(store::Transaction& tx, Instant now) {
  auto rows = tx.Query("SELECT id FROM users WHERE username = 'portal'");
  std::int64_t id = 0;
  if (rows.empty())
    id = tx.Query("INSERT INTO users (username, display_name, role, password_hash, active, created_at) "
                  "VALUES ('portal', 'Request for Support portal', 'contact_officer', '!', 0, ?) RETURNING id",
                  {FormatUtc(now)})
             .at(0)
             .Int(0);
  else id = rows[0].Int(0);
  return Actor{id, "portal", "Request for Support portal", Role::kContactOfficer, std::nullopt};
}

std::optional<std::int64_t> IntakeTeam(store::Transaction& tx, const AppContext& ctx) {
  if (ctx.intake_team.empty()) return std::nullopt;
  auto rows = tx.Query("SELECT id FROM teams WHERE name = ?", {ctx.intake_team});
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

// HCR-5: each allocated worker of a child on the contact is told at once (and, when it is urgent,
// the team managers of their team), whether the contact went to them or stays at the front door
// because other children on it are not open to them.
void TellAllocatedWorkers(store::Transaction& tx, const Contact& contact, const std::vector<OpenChild>& open,
                          Instant now) {
  const std::string link = "/contacts/" + std::to_string(contact.id);
  const std::string urgent = contact.urgent ? "URGENT: " : "";
  std::vector<std::int64_t> told, teams_told;
  for (const auto& child : open) {
    if (std::find(told.begin(), told.end(), child.worker_id) != told.end()) continue;
    told.push_back(child.worker_id);
    store::InsertStaffNotice(
        tx, child.worker_id,
        contact.allocated_user_id
            ? fmt::format("{}New contact {} about a child allocated to you", urgent, contact.reference)
            : fmt::format("{}New contact {} about {}, a child allocated to you: the front door screens it, as it is "
                          "also about children not open to you",
                          urgent, contact.reference, child.name),
        link, now);
    if (!contact.urgent || !child.team_id ||
        std::find(teams_told.begin(), teams_told.end(), *child.team_id) != teams_told.end())
      continue;
    teams_told.push_back(*child.team_id);
    for (const auto& row : tx.Query("SELECT id FROM users WHERE team_id = ? AND role = 'team_manager' AND active = 1",
                                    {*child.team_id}))
      store::InsertStaffNotice(tx, row.Int(0), fmt::format("URGENT contact {} for an open case in your team",
                                                           contact.reference),
                               link, now);
  }
}

// The receipt of a contact typed after it came in, or none (received as it is recorded).
std::optional<EarlierReceipt> TypedLater(std::optional<Instant> received) {
  if (!received) return std::nullopt;
  EarlierReceipt earlier;
  earlier.received_at = *received;
  earlier.typed_later = true;
  return earlier;
}

// CAL-3, KCR-8, HCR-27: when the front door's decision on a contact is due, as its receipt and
// acknowledgement give it: the decision deadline recorded for it. One passed at receipt to a child's
// allocated worker (HCR-5) has none, as the front door decides nothing on it, yet its receipt must
// read as any other's (KCR-17: it never tells that a case is open), so it is counted as that
// deadline would have been, by the same count (CountDue). nullopt when the pack has no decision.
std::optional<Instant> DecisionDueOf(store::Transaction& tx, const AppContext& ctx, const Contact& contact) {
  for (const auto& deadline : store::DeadlinesForRecord(tx, "contact", contact.id))
    if (deadline.timescale == "decision") return deadline.due_at;
  if (contact.queue != "allocated-worker") return std::nullopt;
  const auto* decision = ctx.procedures.PackAt(contact.received_at).Timescale("decision");
  if (!decision) return std::nullopt;
  Deadline counted;
  CountDue(counted, ctx, decision->timescale, contact.received_at);
  return counted.due_at;
}

// One transaction: reference, routing, the row, audit, deadlines, notices and e-mails. Errors:
// kInvalid when a quoted consultation number matches no consultation given. `referrer_told` false:
// its referrer is whoever asked for information (IR-1, IR-3), never acknowledged or sent a link.
Result<Contact> Record(AppContext& ctx, store::Transaction& tx, const Actor& actor, NewContact valid, Instant now,
                       std::optional<IssuedStatusLink>* issued_link = nullptr,
                       const std::optional<EarlierReceipt>& earlier = std::nullopt, bool referrer_told = true) {
  // HCR-10, CRU-4: the consultation this contact follows; its advice is noted on the contact, which
  // is what satisfies HCR-9 for a school's red form.
  auto followed = FindFollowedConsultation(tx, ctx, valid, now);
  if (!followed) return std::unexpected(followed.error());
  if (*followed) {
    valid.intake.consultation_number = (*followed)->number;
    if (valid.intake.hub_consultation.empty()) valid.intake.hub_consultation = (*followed)->note;
  }
  // Receipt is when it reached the front door; deadlines count from it (KCR-8, HCR-22, HCR-27). A call
  // typed after it was taken is routed as it would have been when it came in (HCR-18: one taken at
  // 19:55 is the day service's, though typed after 20:00); a police notification is routed at triage.
  const Instant received = earlier ? earlier->received_at : now;
  const Instant routed_at = earlier && earlier->typed_later ? received : now;
  const policy::PolicyPack& pack = ctx.procedures.PackAt(routed_at);
  const auto& calendar = ctx.procedures.CalendarAt(routed_at);
  // HCR-18, KCR-8: the one rule for whether the front door is open (policy/front_door_hours.h).
  const RoutingDecision route = RouteContact(tx, valid, pack, policy::FrontDoorOpenAt(pack, calendar, routed_at));

  Contact contact;
  contact.received_at = received;
  contact.recorded_at = now;
  contact.recorded_by = actor.user_id;
  contact.recorded_by_name = actor.display_name;
  contact.referrer = std::move(valid.referrer);
  contact.children = std::move(valid.children);
  contact.concern = std::move(valid.concern);
  contact.intake = std::move(valid.intake);
  contact.urgent = contact.intake.Urgent() || (earlier && earlier->urgent);
  contact.state = route.state;
  contact.queue = route.queue;
  contact.allocated_user_id = route.allocated_user_id;
  contact.team_id = route.allocated_team_id ? route.allocated_team_id
                    : actor.team_id         ? actor.team_id
                                            : IntakeTeam(tx, ctx);
  contact.routing_note = route.note;
  if (earlier && earlier->urgent)
    contact.routing_note = contact.routing_note.empty() ? earlier->urgent_note : contact.routing_note + " " + earlier->urgent_note;
  if (earlier && !earlier->note.empty())
    contact.routing_note = contact.routing_note.empty() ? earlier->note : contact.routing_note + " " + earlier->note;
  // HCR-13: imminent risk of significant harm goes at once to the assessment team as well.
  const auto fast_track = FastTrackIndicator(pack, contact);
  if (fast_track) {
    const std::string note = policy::CiteRules(
        pack, fmt::format("Fast-tracked at receipt to the {} for immediate action: imminent risk of significant "
                          "harm. The front door still screens and decides on it (HCR-13).",
                          pack.routing.referral_team));
    contact.routing_note = contact.routing_note.empty() ? note : contact.routing_note + " " + note;
  }
  // HCR-18, KCR-8: urgent while the front door is closed (when it came in, as routing judged it):
  // someone who can act tonight is sent it, where frontdoor can, and the front door's managers are
  // told. A returned form is never urgent (HCR-9 returns only those without an indicator).
  const bool out_of_hours_alert =
      contact.urgent && contact.queue != "returned" && !FrontDoorOpen(pack, calendar, routed_at);
  if (out_of_hours_alert) {
    const std::string note = OutOfHoursNote(tx, ctx, pack, contact);
    contact.routing_note = contact.routing_note.empty() ? note : contact.routing_note + " " + note;
  }

  const auto today = calendar::LocalDate(now, ctx.time_zone);
  const int year = static_cast<int>(today.year());
  contact.reference = FormatContactReference(year, store::NextReferenceNumber(tx, "FD", year));
  contact.id = store::InsertContact(tx, contact, now);
  if (*followed)
    LinkFollowedConsultation(tx, **followed, contact.id, contact.reference, now, actor.user_id, actor.username);
  audit::Append(tx, {now, actor.user_id, actor.username, "contact.created", "contact", std::to_string(contact.id),
                     ContactToJson(contact, ctx.time_zone)});
  if (fast_track) FastTrackAtReceipt(tx, ctx, pack, actor, contact, *fast_track, now);
  if (out_of_hours_alert) AlertOutOfHours(tx, ctx, pack, actor, contact, now);

  // HCR-15: the call it quotes, confirmed in writing by it; the reference kept even on a returned form.
  MatchCallReference(tx, actor, contact, now);
  const DeadlineSubject subject{"contact", contact.id, contact.reference, contact.team_id, contact.allocated_user_id};
  if (contact.queue == "returned") {
    // HCR-9: not progressed; the sender is told why. Where no e-mail may go to them (KCR-5: a
    // school's own domain), they are rung instead: the acknowledgement clock (HCR-22) runs until the
    // call is recorded, and the contact and the queue say so (app/returned_forms.h).
    if (!QueueReferrerEmail(tx, contact, pack, "returned",
                            ReturnedFormMessage(contact, pack, ctx.procedures.CalendarAt(now), now), now) &&
        referrer_told)
      OpenDeadline(tx, ctx, "acknowledgement", subject, received);
    return contact;
  }
  // HCR-22 acknowledge: whichever the pack in force defines, counted from receipt. Not a contact
  // opened to process a request for information: its requester is no referrer to acknowledge.
  if (referrer_told) OpenDeadline(tx, ctx, "acknowledgement", subject, received);
  // KCR-8 / HCR-27: the front door decides within a working day. A contact urgent at receipt also
  // opens the clocks its pack names (KCR-8: at once; HCR-12, HCR-32: the harm is known at receipt, so
  // the 24 hours to decide on a strategy discussion count from it). Not for a contact passed on at
  // receipt (HCR-4 LADO, HCR-5 the allocated worker): the front door makes no decision on it, so
  // nothing here could ever meet the deadline.
  if (contact.state != "routed") {
    OpenDeadline(tx, ctx, "decision", subject, received);
    if (contact.urgent)
      for (const auto& timescale : ctx.procedures.PackAt(received).intake.urgent_timescales)
        OpenDeadline(tx, ctx, timescale, subject, received);
  }
  // HCR-5: one passed to the allocated worker is recorded on the child's record within the pack's
  // timescale, if it names one; the holder's deadline, not the front door's decision.
  if (contact.queue == "allocated-worker")
    if (const std::string& recorded = ctx.procedures.PackAt(received).intake.passed_on_recorded; !recorded.empty())
      OpenDeadline(tx, ctx, recorded, subject, received);
  // HCR-15: a professional's phone contact is confirmed in writing; one in writing may be that.
  std::optional<Deadline> written;
  if (IsProfessional(contact.referrer.type) && contact.intake.channel == Channel::kPhone && referrer_told)
    written = OpenDeadline(tx, ctx, kWrittenConfirmationTimescale, subject, received);
  // Issue 12 point 3: the referrer's status link, when they may be e-mailed at all (KCR-5).
  const auto status_link = referrer_told ? IssueStatusLink(tx, ctx, contact, pack, now) : std::nullopt;
  const std::string status_url = status_link ? status_link->url : std::string();
  // HCR-18, KCR-8: an urgent contact's e-mail, sent while the front door is closed, says what its
  // receipt says: no prompt look is promised while nobody is on duty.
  std::string closed_next;
  if (out_of_hours_alert)
    if (auto closed = ClosedReceipt(ctx, pack, now, OutOfHoursReachable(tx, pack))) closed_next = closed->next;
  // HCR-18, KCR-8, CAL-3: a routine one's says, as its receipt, that the front door is closed now,
  // when it opens and the day the decision is due, from the deadline just recorded.
  if (!contact.urgent && RoutedToOfQueue(contact.queue) == RoutedTo::kFrontDoor)
    if (const auto due = DecisionDueOf(tx, ctx, contact))
      if (auto closed = ClosedRoutineNext(ctx, pack, now, *due)) closed_next = *closed;
  // HCR-22: an e-mailed, posted or portal contact is acknowledged automatically by e-mail. Queued
  // is not made: the acknowledgement is recorded, and its deadline met, when the mail server takes
  // the e-mail (app/email_delivery.h RecordEmailSent); until then the clock runs.
  const bool acknowledgement_queued =
      referrer_told && contact.intake.channel != Channel::kPhone && contact.intake.channel != Channel::kInPerson &&
      QueueReferrerEmail(tx, contact, pack, "acknowledgement",
                         AcknowledgementMessage(contact, pack, ctx.procedures.CalendarAt(now), now, status_url,
                                                closed_next),
                         now);
  if (!acknowledgement_queued && status_link) {
    // A phoned-in contact is acknowledged on the call; the link comes in an e-mail of its own, with
    // what to send for HCR-15 when the call is a professional's (else the officer asks on the call).
    std::string asked;
    if (written)
      if (const auto* timescale = ctx.procedures.PackAt(received).Timescale(kWrittenConfirmationTimescale))
        asked = WrittenConfirmationRequest(contact, written->due_at, timescale->text,
                                           ctx.public_url + kRequestForSupportPath, ctx.time_zone, false);
    QueueReferrerEmail(tx, contact, pack, "status-link", StatusLinkMessage(contact, pack, status_url, asked), now);
  }
  if (issued_link) *issued_link = status_link;
  TellAllocatedWorkers(tx, contact, route.open, now);
  return contact;
}

}  // namespace

Result<Contact> RecordContact(AppContext& ctx, const Actor& actor, const ContactDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kRecordContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  std::optional<Instant> received;
  auto valid = CheckDraft(ctx, draft, now, RulesOf(ctx.procedures.PackAt(now)), received, ReferrerDetails::kAtIntake);
  if (!valid) return std::unexpected(valid.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = Record(ctx, *tx, actor, std::move(*valid), now, nullptr, TypedLater(received));
  if (contact) tx->Commit();
  return contact;
}

Result<Contact> RecordContactIn(AppContext& ctx, store::Transaction& tx, const Actor& actor, const ContactDraft& draft,
                                const std::optional<EarlierReceipt>& earlier, ReferrerDetails details) {
  if (auto allowed = Authorise(actor, Action::kRecordContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  IntakeRules rules = RulesOf(ctx.procedures.PackAt(now));
  rules.police_notification = earlier && earlier->police_notification;
  if (earlier) {
    auto valid = ValidateContact(draft, calendar::LocalDate(now, ctx.time_zone), rules);
    if (!valid) return std::unexpected(valid.error());
    return Record(ctx, tx, actor, std::move(*valid), now, nullptr, earlier);
  }
  std::optional<Instant> received;
  auto valid = CheckDraft(ctx, draft, now, rules, received, details);
  if (!valid) return std::unexpected(valid.error());
  // IR-1, IR-3: details from another record are a request for information's, whose requester is not a
  // referrer: not acknowledged, sent a status link or (app/referrer_messages.h ReferrerIsTold) told
  // the outcome.
  return Record(ctx, tx, actor, std::move(*valid), now, nullptr, TypedLater(received),
                details == ReferrerDetails::kAtIntake);
}

Result<PortalReceipt> SubmitPortalContact(AppContext& ctx, ContactDraft draft, const std::optional<IdempotencyKey>& key,
                                          const std::string& address) {
  const Instant now = ctx.clock.Now();
  draft.intake.channel = "portal";
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);
  auto valid = ValidateContact(draft, calendar::LocalDate(now, ctx.time_zone), RulesOf(pack));
  if (!valid && !valid.error().IsInvalid()) return std::unexpected(valid.error());
  std::vector<FieldError> errors = valid ? std::vector<FieldError>{} : valid.error().fields;
  // KCR-17, HCR-24: a professional who cannot be e-mailed the outcome gives a phone number to hear it.
  if (auto phone = PhoneNeededToHearOutcome(draft, pack, true)) AddReferrerProblem(errors, {"referrer.phone", *phone});
  // A request for support is received when it is sent: only staff record one taken earlier.
  if (!Trim(draft.received_at).empty() || !Trim(draft.received_date).empty() || !Trim(draft.received_time).empty())
    errors.push_back({"received_at", "A request for support is received when it is sent: leave received_at out"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  if (key)
    if (auto checked = CheckIdempotencyKey(key->key); !checked) return std::unexpected(checked.error());
  const Instant expired_before = now - kIdempotencyKeyRetention;
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  const Actor portal = PortalActor(*tx, now);
  std::optional<store::IdempotencyKeyRecord> seen;
  if (key) seen = store::FindIdempotencyKey(*tx, portal.user_id, key->key, expired_before);
  std::optional<Contact> first;
  if (seen && seen->request_hash == key->fingerprint) first = store::FindContact(*tx, seen->contact_id);
  std::optional<IssuedStatusLink> status_link;
  // HCR-18: whether an urgent request now reaches someone on out-of-hours duty, for its receipt.
  const bool out_of_hours_reachable = OutOfHoursReachable(*tx, pack);
  Contact contact;
  std::optional<Instant> decision_due;
  if (first) {
    contact = std::move(*first);
    decision_due = DecisionDueOf(*tx, ctx, contact);
  } else {
    // Counted in this transaction (every node's count): committed with the contact, or, refused,
    // rolled back with everything else, so a refused request writes nothing.
    if (auto refused = ctx.portal_throttle->Count(*tx, address, now)) {
      const std::chrono::seconds retry_after = refused->retry_after;
      // Once per address and window: a flood's every refusal in the log would be a flood of its own.
      if (refused->first)
        spdlog::warn("portal requests limited address={} per_hour={} retry_after_s={}", address,
                     ctx.portal_throttle->per_window(), retry_after.count());
      // A concern about a child must not be lost to a limit: the answer says whom to phone now (the
      // front door's number in its hours, 999 and the out-of-hours service out of them, HCR-18).
      const std::string phone = PortalUrgentAdvice(ctx, false).advice;
      return std::unexpected(Error::TooMany(
          fmt::format("Too many requests have been sent from your connection in the last hour, so this one was not "
                      "sent. Try again in {} minutes, or phone us and tell us what you wrote. {}",
                      (retry_after.count() + 59) / 60, phone),
          retry_after));
    }
    auto recorded = Record(ctx, *tx, portal, std::move(*valid), now, &status_link, std::nullopt);
    if (!recorded) return std::unexpected(recorded.error());
    decision_due = DecisionDueOf(*tx, ctx, *recorded);
    if (key && !seen)
      store::InsertIdempotencyKey(*tx, {portal.user_id, key->key, key->fingerprint, recorded->id, now}, expired_before);
    tx->Commit();
    contact = std::move(*recorded);
  }
  PortalReceipt receipt;
  receipt.replayed = first.has_value();
  receipt.reference = contact.reference;
  receipt.received_at = contact.received_at;
  receipt.urgent = contact.urgent;
  if (contact.urgent) {
    receipt.urgent_advice = pack.routing.urgent_advice;
    receipt.urgent_priority = "You told us a child may be at risk of significant harm, so your request is at the top "
                              "of our queue.";
  }
  receipt.routed_to = RoutedToOfQueue(contact.queue);
  receipt.what_happens_next = WhatHappensNext(contact, pack, ctx.procedures.CalendarAt(now), now);
  // HCR-18, KCR-8: while the front door is closed the pack's advice to call it would send them to a
  // closed line, and "as soon as possible" would promise a look nobody is there to give; what is true
  // now is said instead (app/out_of_hours.h), as the receipt is read now.
  if (contact.urgent)
    if (auto closed = ClosedReceipt(ctx, pack, now, out_of_hours_reachable)) {
      receipt.urgent_advice = closed->advice;
      receipt.urgent_priority = closed->priority;
      if (receipt.routed_to == RoutedTo::kFrontDoor) receipt.what_happens_next = closed->next;
    }
  // HCR-18, KCR-8, CAL-3: a routine one while the front door is closed: that it is, when it opens,
  // and the day the decision is due, from the deadline recorded (as its acknowledgement e-mail).
  if (receipt.routed_to == RoutedTo::kFrontDoor) {
    const auto& calendar = ctx.procedures.CalendarAt(now);
    if (const auto closed = policy::FrontDoorClosedAt(pack, calendar, now)) {
      receipt.front_door_open = false;
      receipt.front_door_opens = closed->opens;
    }
    if (!contact.urgent) {
      receipt.decision_due = decision_due;
      if (decision_due)
        if (auto closed = ClosedRoutineNext(ctx, pack, now, *decision_due)) receipt.what_happens_next = *closed;
    }
  }
  receipt.acknowledgement_emailed = ReferrerEmailAddress(contact.referrer, pack).has_value();
  receipt.how_outcome_told = HowTheOutcomeIsTold(contact, pack);
  if (status_link && IsProfessional(contact.referrer.type)) receipt.status_link_emailed_only = true;
  else if (status_link) receipt.status_url = status_link->url;
  receipt.contact = std::move(contact);
  return receipt;
}

Result<Contact> GetContact(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = store::FindContact(*tx, id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  ProtectReferrer(*contact);  // KCR-14
  return std::move(*contact);
}

Result<OpenedContact> OpenContact(AppContext& ctx, const Actor& actor, std::int64_t id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  // Opening a contact is itself recorded, and durable before the contact is shown (read_audit.h).
  std::optional<OpenedContact> opened;
  audit::AuditEvent viewed;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    auto contact = store::FindContact(*tx, id);
    if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
    opened = OpenedContact{std::move(*contact), ReadContactDeadlines(ctx, *tx, id), SameChildOf(ctx, *tx, id),
                           store::FindScreening(*tx, id), {}};
    if (ReturnsToRing(*tx, {id}).contains(id)) opened->return_not_sent = ReturnNotSentWords(opened->contact.referrer);
    viewed = ContactViewed(*tx, actor, now, id);
  }
  AuditView(ctx, std::move(viewed));
  ProtectReferrer(opened->contact);  // KCR-14
  return std::move(*opened);
}

Result<Contact> GetContactByReference(AppContext& ctx, const Actor& actor, const std::string& reference) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = store::FindContactByReference(*tx, reference);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with reference " + reference));
  ProtectReferrer(*contact);  // KCR-14
  return std::move(*contact);
}

Result<store::ContactPage> ListContacts(AppContext& ctx, const Actor& actor, int page, int page_size) {
  if (auto allowed = Authorise(actor, Action::kListContacts); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (page_size < 1 || page_size > kMaxPageSize)
    errors.push_back({"page_size", "Page size must be between 1 and 100"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto found = store::ListContacts(*tx, page, page_size);
  for (auto& c : found.contacts) ProtectReferrer(c);  // KCR-14
  return found;
}

std::vector<store::StaffNotice> UnreadNotices(AppContext& ctx, const Actor& actor) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return store::UnreadNotices(*tx, actor.user_id);
}

const std::vector<std::string>& QueueIds() {
  static const std::vector<std::string> ids = {"front-door", "out-of-hours", "lado", "allocated-worker", "to-screen",
                                               "returned"};
  return ids;
}

Result<store::ContactPage> ListQueue(AppContext& ctx, const Actor& actor, const std::string& queue, int page,
                                     int page_size, bool urgent_only, bool awaiting_authorisation, bool overdue_only) {
  if (auto allowed = Authorise(actor, Action::kListContacts); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (std::find(QueueIds().begin(), QueueIds().end(), queue) == QueueIds().end())
    errors.push_back({"queue", "Choose a queue: front-door, out-of-hours, lado, allocated-worker, to-screen or returned"});
  if (page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (page_size < 1 || page_size > kMaxPageSize) errors.push_back({"page_size", "Page size must be between 1 and 100"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  std::optional<std::int64_t> mine;
  if (queue == "allocated-worker" && actor.role != Role::kTeamManager) mine = actor.user_id;
  // Review finding 9: the contacts a worker screens (allocated to them, or started by them) are a
  // queue of their own; "allocated-worker" is the contacts routed to a child's allocated worker (HCR-5).
  if (queue == "to-screen" && actor.role != Role::kTeamManager) mine = actor.user_id;
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  const std::optional<Instant> overdue_at = overdue_only ? std::optional(ctx.clock.Now()) : std::nullopt;
  // HCR-18: the front door's queue includes the contacts that arrived out of hours (store::ListQueue).
  auto found = queue == "to-screen"
                   ? store::ListToScreen(*tx, mine, page, page_size, urgent_only, awaiting_authorisation, overdue_at)
                   : store::ListQueue(*tx, queue, mine, page, page_size, urgent_only, awaiting_authorisation,
                                      overdue_at);
  std::vector<std::int64_t> ids;
  for (auto& c : found.contacts) {
    ProtectReferrer(c);  // KCR-14
    ids.push_back(c.id);
  }
  found.repeats = store::ContactsWithRepeats(*tx, ids);  // KCR-10, HCR-30: one query for the page
  found.decide_by = store::DecideBy(*tx, ids);
  if (queue == "returned") found.returns_to_ring = ReturnsToRing(*tx, ids);  // HCR-9
  return found;
}

}  // namespace fd::app

