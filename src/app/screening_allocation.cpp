#include "app/screening_allocation.h"

#include <fmt/format.h>

#include "app/case_access.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "store/contact_records.h"
#include "store/user_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

std::string TeamName(store::Transaction& tx, std::optional<std::int64_t> team_id) {
  if (!team_id) return {};
  auto rows = tx.Query("SELECT name FROM teams WHERE id = ?", {*team_id});
  return rows.empty() ? std::string() : rows[0].Text(0);
}

// The contact, if `actor` is a manager of the team whose queue holds it and it is still at the
// front door.
Result<Contact> LoadToAllocate(store::Transaction& tx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kAllocateScreening); !allowed) return std::unexpected(allowed.error());
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(tx, *contact)); !may) return std::unexpected(may.error());
  if (!contact->team_id || contact->team_id != actor.team_id) {
    const std::string team = TeamName(tx, contact->team_id);
    return std::unexpected(Error::Forbidden(
        team.empty() ? std::string("Only a team manager of the team whose queue holds this contact can allocate its "
                                   "screening, and this contact is in no team's queue")
                     : fmt::format("Only a team manager of {}, whose queue holds this contact, can allocate its "
                                   "screening",
                                   team)));
  }
  // Until its decision is made the contact is its screener's: screened, they propose the decision;
  // awaiting authorisation, a proposal sent back returns to them (docs/decisions.md "A screened
  // contact stays someone's until it is decided"). So a manager may re-allocate it at any of these.
  const ContactState state = ContactStateFromId(contact->state).value_or(ContactState::kReceived);
  if (state != ContactState::kReceived && state != ContactState::kScreening && state != ContactState::kScreened &&
      state != ContactState::kProposed)
    return std::unexpected(Error::Conflict(
        fmt::format("Only a contact still at the front door waiting for its decision (received, being screened, "
                    "screened or awaiting authorisation) can be allocated: this one is at the stage '{}'",
                    ContactStateTitle(state))));
  return std::move(*contact);
}

// The contact changed since the form was shown. When the last change was the manager's own (another
// window, a form sent before), "someone else" would be untrue: say it was theirs. Reads are audited
// too ("….viewed") but change nothing, so they are passed over.
std::string StaleMessage(store::Transaction& tx, const Actor& actor, std::int64_t contact_id) {
  const auto last = tx.Query(
      "SELECT actor_id FROM audit_events WHERE record_type = 'contact' AND record_id = ? AND action NOT LIKE "
      "'%.viewed' ORDER BY seq DESC LIMIT 1",
      {std::to_string(contact_id)});
  if (!last.empty() && !last[0].IsNull(0) && last[0].Int(0) == actor.user_id)
    return "You changed this contact since this form was shown (in another window, or with a form sent before). "
           "Check what it says now, then send this again if it is still right.";
  return "Someone else changed this contact while you were working on it. Reload it to see their change.";
}

}  // namespace

Result<ScreeningAllocationChoices> ScreeningAllocationChoicesFor(AppContext& ctx, const Actor& actor,
                                                                 std::int64_t contact_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = LoadToAllocate(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  ScreeningAllocationChoices out;
  out.contact_id = contact->id;
  out.reference = contact->reference;
  out.version = contact->version;
  out.team_name = TeamName(*tx, contact->team_id);
  out.current = store::FindScreeningAllocation(*tx, contact_id);
  out.workers = store::ActiveSocialWorkersOf(*tx, *contact->team_id);
  return out;
}

Result<void> AllocateScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                               const std::string& worker) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = LoadToAllocate(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  if (worker.empty()) return std::unexpected(Error::InvalidField("worker", "Choose the social worker to screen this contact"));
  auto user = store::FindUserByUsername(*tx, worker);
  if (!user) return std::unexpected(Error::InvalidField("worker", fmt::format("There is no user called '{}'", worker)));
  if (user->role != "social_worker")
    return std::unexpected(Error::InvalidField(
        "worker", fmt::format("{} is not a social worker: choose a social worker of your team", user->display_name)));
  if (!user->active)
    return std::unexpected(Error::InvalidField(
        "worker", fmt::format("{}'s account is disabled: choose an active social worker", user->display_name)));
  if (user->team_id != contact->team_id)
    return std::unexpected(Error::InvalidField(
        "worker", fmt::format("{} is not in {}: choose a social worker of the team whose queue holds this contact",
                              user->display_name, TeamName(*tx, contact->team_id))));
  // Review finding 10: choosing the worker who already has it changes nothing and tells nobody again
  // (a form sent twice, or a manager unsure it went through), whatever version the form carried.
  const auto before = store::FindScreeningAllocation(*tx, contact_id);
  if (before && before->user_id == user->id)
    return std::unexpected(Error::InvalidField(
        "worker", fmt::format("{} already has this contact: nothing was changed, and they were not told again. "
                              "Choose another social worker to re-allocate it",
                              user->display_name)));
  if (contact->version != version || !store::AdvanceContact(*tx, contact_id, version, contact->state))
    return std::unexpected(Error::Conflict(StaleMessage(*tx, actor, contact_id)));
  store::AllocateScreening(*tx, contact_id, user->id, actor.user_id, now);
  nlohmann::json changes = {{"worker_id", user->id},
                             {"previous_worker_id", before ? nlohmann::json(before->user_id) : nlohmann::json(nullptr)}};
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.screening_allocated", "contact",
                      std::to_string(contact_id), std::move(changes)});
  // The worker learns of it on their home page, as of any contact put in their hands.
  store::InsertStaffNotice(*tx, user->id, fmt::format("Contact {} allocated to you to screen", contact->reference),
                           fmt::format("/contacts/{}", contact_id), now);
  tx->Commit();
  return {};
}

Result<void> MayScreenAllocated(const AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                std::int64_t contact_id) {
  if (actor.role == Role::kTeamManager) return {};
  const auto allocation = store::FindScreeningAllocation(tx, contact_id);
  if (allocation) {
    if (allocation->user_id == actor.user_id) return {};
    return std::unexpected(Error::Conflict(
        fmt::format("This contact is allocated to {} to screen: only they, or a team manager, may screen it. A team "
                    "manager can re-allocate it if you are to screen it instead.",
                    allocation->name)));
  }
  // Review finding 4: unallocated, whoever started screening it holds it until its decision is made,
  // as the allocated worker would (WorkflowView::screener_id), so two workers never screen it apart
  // without knowing.
  const auto contact = store::FindContact(tx, contact_id);
  if (!contact || (contact->state != "screening" && contact->state != "screened" && contact->state != "proposed"))
    return {};
  const auto screening = store::FindScreening(tx, contact_id);
  if (!screening || screening->started_by == actor.user_id) return {};
  const auto name = tx.Query("SELECT display_name FROM users WHERE id = ?", {screening->started_by});
  const std::string holder = name.empty() ? std::string("Another social worker") : name[0].Text(0);
  return std::unexpected(Error::Conflict(fmt::format(
      "{} started screening this on {}: only they, or a team manager, may screen it. Speak to them, or ask a team "
      "manager to allocate it to you if you are to screen it instead.",
      holder, calendar::FormatLocalForPeople(screening->started_at, ctx.time_zone))));
}

}  // namespace fd::app
