#include "app/passed_on.h"

#include <fmt/format.h>

#include "app/case_access.h"
#include "app/deadlines.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "store/contact_records.h"
#include "store/user_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

constexpr std::size_t kMaxReason = 2000;
constexpr std::size_t kMaxNote = 2000;

std::optional<std::int64_t> FrontDoorTeam(store::Transaction& tx, const AppContext& ctx) {
  if (ctx.intake_team.empty()) return std::nullopt;
  auto rows = tx.Query("SELECT id FROM teams WHERE name = ?", {ctx.intake_team});
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

// A team manager of the holder's team (cover, supervision) or of the front door (which passed it on
// and answers for what it passed): either may find it another worker.
bool ManagesHolderOrFrontDoor(store::Transaction& tx, const AppContext& ctx, const Actor& actor,
                              const std::optional<CaseHolder>& holder) {
  if (actor.role != Role::kTeamManager || !actor.team_id) return false;
  if (holder && holder->team_id == actor.team_id) return true;
  return FrontDoorTeam(tx, ctx) == actor.team_id;
}

Result<void> PassedToWorker(const Contact& contact, std::string_view what) {
  if (IsPassedToWorker(contact)) return {};
  return std::unexpected(
      Error::Conflict(fmt::format("Only a contact passed at receipt to the allocated social worker of a "
                                  "child whose case is open can be {}: "
                                  "contact {} is with {}",
                                  what, contact.reference,
                                  contact.queue == "lado"     ? "the LADO"
                                  : contact.state == "routed" ? "its sender"
                                                              : "the front door")));
}

Result<void> NotYetRecorded(store::Transaction& tx, const AppContext& ctx, const Contact& contact) {
  const auto recorded = store::FindPassedOnRecorded(tx, contact.id);
  if (!recorded) return {};
  return std::unexpected(Error::Conflict(
      fmt::format("{} recorded contact {} on the child's record on {}: nothing is left to do on it here",
                  recorded->recorded_by_name.empty() ? std::string("Someone") : recorded->recorded_by_name,
                  contact.reference, calendar::FormatLocalForPeople(recorded->recorded_at, ctx.time_zone))));
}

Result<Contact> LoadToHandOver(store::Transaction& tx, const AppContext& ctx, const Actor& actor,
                               std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kHandOverContact); !allowed)
    return std::unexpected(allowed.error());
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (auto passed = PassedToWorker(*contact, "handed over"); !passed) return std::unexpected(passed.error());
  const auto holder = CaseHolderOf(tx, *contact);
  if (!ManagesHolderOrFrontDoor(tx, ctx, actor, holder)) {
    const std::string who =
        holder && !holder->worker_name.empty() ? holder->worker_name : "the allocated worker";
    return std::unexpected(
        Error::Forbidden(fmt::format("Only a team manager of {}'s team, or of the front door, can hand this "
                                     "contact to another social worker",
                                     who)));
  }
  if (auto open = NotYetRecorded(tx, ctx, *contact); !open) return std::unexpected(open.error());
  return std::move(*contact);
}

Result<void> StaleVersion() {
  return std::unexpected(Error::Conflict(
      "Someone else changed this contact while you were working on it. Reload it to see their change."));
}

}  // namespace

bool IsPassedToWorker(const Contact& contact) {
  return contact.state == "routed" && contact.queue == "allocated-worker" &&
         contact.allocated_user_id.has_value();
}

std::optional<PassedOn> PassedOnOf(store::Transaction& tx, const AppContext& ctx, const Actor& actor,
                                   const Contact& contact) {
  if (!IsPassedToWorker(contact)) return std::nullopt;
  PassedOn out;
  const auto holder = CaseHolderOf(tx, contact);
  if (holder) out.holder_name = holder->worker_name;
  out.hand_overs = store::HandOversOf(tx, contact.id);
  out.recorded = store::FindPassedOnRecorded(tx, contact.id);
  if (!out.recorded) {
    out.may_hand_over =
        IsAllowed(actor.role, Action::kHandOverContact) && ManagesHolderOrFrontDoor(tx, ctx, actor, holder);
    out.may_record =
        IsAllowed(actor.role, Action::kRecordPassedOn) && MayWorkOnCase(actor, holder).has_value();
  }
  return out;
}

Result<HandOverChoices> HandOverChoicesFor(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = LoadToHandOver(*tx, ctx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  HandOverChoices out;
  out.contact_id = contact->id;
  out.reference = contact->reference;
  out.version = contact->version;
  if (const auto holder = CaseHolderOf(*tx, *contact)) out.holder_name = holder->worker_name;
  for (auto& w : store::ActiveSocialWorkers(*tx))
    if (w.id != contact->allocated_user_id) out.workers.push_back(std::move(w));
  return out;
}

Result<void> HandOverContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                             std::int64_t version, const std::string& worker, const std::string& reason) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = LoadToHandOver(*tx, ctx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  const auto holder = CaseHolderOf(*tx, *contact);
  // Every problem with the form at once: the worker and the reason.
  std::vector<FieldError> errors;
  std::optional<store::UserRecord> user;
  const std::string username = Trim(worker);
  if (username.empty()) {
    errors.push_back({"worker", "Choose the social worker to hand this contact to"});
  } else if (user = store::FindUserByUsername(*tx, username); !user) {
    errors.push_back({"worker", fmt::format("There is no user called '{}'", username)});
  } else if (user->role != "social_worker") {
    errors.push_back(
        {"worker", fmt::format("{} is not a social worker: choose a social worker", user->display_name)});
  } else if (!user->active) {
    errors.push_back({"worker", fmt::format("{}'s account is disabled: choose an active social worker",
                                            user->display_name)});
  } else if (user->id == contact->allocated_user_id) {
    errors.push_back({"worker", fmt::format("{} already holds this contact: choose another social worker",
                                            user->display_name)});
  }
  const std::string why = Trim(reason);
  if (auto problem = CheckRequiredText(why, kMaxReason, true, "Why it is handed over"))
    errors.push_back({"reason", *problem});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  if (contact->version != version || !store::AdvanceContact(*tx, contact_id, version, contact->state))
    return StaleVersion();
  store::MoveContactHolder(*tx, contact_id, user->id, user->team_id);
  store::HandOver h;
  h.from_user_id = *contact->allocated_user_id;
  h.to_user_id = user->id;
  h.by_user_id = actor.user_id;
  h.reason = why;
  h.at = now;
  store::InsertHandOver(*tx, contact_id, h);
  audit::Append(*tx, {now,
                      actor.user_id,
                      actor.username,
                      "contact.handed_over",
                      "contact",
                      std::to_string(contact_id),
                      {{"from_worker_id", h.from_user_id}, {"to_worker_id", h.to_user_id}, {"reason", why}}});
  // The new holder learns of it on their home page, as of any contact put in their hands (HCR-5).
  store::InsertStaffNotice(
      *tx, user->id,
      fmt::format("{}Contact {} handed to you by {}{}: record it on the child's record",
                  contact->urgent ? "URGENT: " : "", contact->reference, actor.display_name,
                  holder && !holder->worker_name.empty() ? " from " + holder->worker_name : std::string()),
      fmt::format("/contacts/{}", contact_id), now);
  // HCR-5: urgent matters go to the worker "or their team manager without delay", as at receipt.
  if (contact->urgent && user->team_id)
    for (const auto& row :
         tx->Query("SELECT id FROM users WHERE team_id = ? AND role = 'team_manager' AND active = 1",
                   {*user->team_id}))
      store::InsertStaffNotice(
          *tx, row.Int(0),
          fmt::format("URGENT contact {} handed to {} in your team", contact->reference, user->display_name),
          fmt::format("/contacts/{}", contact_id), now);
  tx->Commit();
  return {};
}

Result<void> RecordOnChildRecord(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                 std::int64_t version, const std::string& note) {
  if (auto allowed = Authorise(actor, Action::kRecordPassedOn); !allowed)
    return std::unexpected(allowed.error());
  const std::string said = Trim(note);
  if (auto problem = CheckText(said, kMaxNote, true, "The note"))
    return std::unexpected(Error::InvalidField("note", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (auto passed = PassedToWorker(*contact, "recorded on the child's record by its worker"); !passed)
    return std::unexpected(passed.error());
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(*tx, *contact)); !may) return std::unexpected(may.error());
  if (auto open = NotYetRecorded(*tx, ctx, *contact); !open) return std::unexpected(open.error());
  if (contact->version != version || !store::AdvanceContact(*tx, contact_id, version, contact->state))
    return StaleVersion();
  store::InsertPassedOnRecorded(*tx, contact_id, {actor.user_id, actor.display_name, now, said});
  // The deadline was opened under the pack in force at receipt, so that pack names it.
  const std::string& timescale = ctx.procedures.PackAt(contact->received_at).intake.passed_on_recorded;
  const std::int64_t met =
      timescale.empty() ? 0 : MeetDeadline(*tx, "contact", contact_id, timescale, now, actor.user_id);
  audit::Append(*tx, {now,
                      actor.user_id,
                      actor.username,
                      "contact.recorded_on_child_record",
                      "contact",
                      std::to_string(contact_id),
                      {{"note", said}, {"deadlines_met", met}}});
  tx->Commit();
  return {};
}

}  // namespace fd::app
