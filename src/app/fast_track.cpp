#include "app/fast_track.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/case_access.h"
#include "app/deadlines.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "domain/contact_workflow.h"
#include "domain/text.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

constexpr std::size_t kMaxReason = 2000;

// The active team managers of the team named `team`.
std::vector<std::int64_t> ManagersOf(store::Transaction& tx, const std::string& team) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.Query("SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.name = ? AND "
                                "u.role = 'team_manager' AND u.active = 1 ORDER BY u.id",
                                {team}))
    out.push_back(r.Int(0));
  return out;
}

std::vector<std::int64_t> ManagersOf(store::Transaction& tx, std::optional<std::int64_t> team_id) {
  std::vector<std::int64_t> out;
  if (!team_id) return out;
  for (const auto& r : tx.Query("SELECT id FROM users WHERE team_id = ? AND role = 'team_manager' AND active = 1 "
                                "ORDER BY id",
                                {*team_id}))
    out.push_back(r.Int(0));
  return out;
}

// The front door's own team (configuration `intake.team`), else the team the contact belongs to.
std::optional<std::int64_t> FrontDoorTeam(store::Transaction& tx, const AppContext& ctx, const Contact& contact) {
  if (!ctx.intake_team.empty())
    if (auto rows = tx.Query("SELECT id FROM teams WHERE name = ?", {ctx.intake_team}); !rows.empty())
      return rows[0].Int(0);
  return contact.team_id;
}

// The row, the audit and the notices, at receipt or by hand.
void Record(store::Transaction& tx, const AppContext& ctx, const Actor& actor, const Contact& contact,
            const store::FastTrack& f) {
  store::InsertFastTrack(tx, f);
  const std::string link = "/contacts/" + std::to_string(contact.id);
  // The assessment team acts at once; with no manager there to act, the front door's managers are
  // told, so the fast track is never silently dropped.
  auto told = ManagersOf(tx, f.team);
  const bool team_told = !told.empty();
  const std::string message =
      team_told ? fmt::format("URGENT: contact {} fast-tracked to the {}: imminent risk of significant harm",
                              contact.reference, f.team)
                : fmt::format("URGENT: contact {} is fast-tracked to the {} (imminent risk of significant harm), "
                              "which has no team manager to tell: make sure it acts now",
                              contact.reference, f.team);
  if (!team_told) told = ManagersOf(tx, FrontDoorTeam(tx, ctx, contact));
  for (const auto id : told) store::InsertStaffNotice(tx, id, message, link, f.at);
  nlohmann::json changes = {{"team", f.team},
                            {"indicator", f.indicator},
                            {"reason", f.reason},
                            {"told", team_told ? "team-managers" : "front-door-managers"},
                            {"managers_told", told.size()}};
  audit::Append(tx, {f.at, actor.user_id, actor.username, "contact.fast_tracked", "contact", std::to_string(contact.id),
                     std::move(changes)});
}

// HCR-13, HCR-32: imminent risk found by hand is urgency found after receipt, so the clocks the pack
// opens for a contact urgent at receipt (`[intake] urgent_timescales`; Hertfordshire: the 24-hour
// `section-47-decision`) open now, counted from the fast track, when the front door knew of the risk,
// as a significant-harm answer at screening counts from its save. A clock already open (an indicator
// ticked at receipt, or screening) is not opened twice.
void OpenUrgentClocks(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack,
                      const Contact& contact, Instant now) {
  const auto existing = store::DeadlinesForRecord(tx, "contact", contact.id);
  const DeadlineSubject subject{"contact", contact.id, contact.reference, contact.team_id, contact.allocated_user_id};
  for (const auto& timescale : pack.intake.urgent_timescales)
    if (std::none_of(existing.begin(), existing.end(), [&](const Deadline& d) { return d.timescale == timescale; }))
      OpenDeadline(tx, ctx, timescale, subject, now);
}

}  // namespace

std::optional<std::string> FastTrackIndicator(const policy::PolicyPack& pack, const Contact& contact) {
  if (!pack.routing.FastTracks() || contact.state == "routed") return std::nullopt;
  for (const auto& id : pack.routing.fast_track_indicators)
    if (std::find(contact.intake.indicators.begin(), contact.intake.indicators.end(), id) !=
        contact.intake.indicators.end())
      return id;
  return std::nullopt;
}

void FastTrackAtReceipt(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack,
                        const Actor& actor, const Contact& contact, const std::string& indicator, Instant now) {
  store::FastTrack f;
  f.contact_id = contact.id;
  f.contact_reference = contact.reference;
  f.team = pack.routing.referral_team;
  f.indicator = indicator;
  f.at = now;
  Record(tx, ctx, actor, contact, f);
}

Result<store::FastTrack> FastTrackByHand(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                         const std::string& reason) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  const std::string why = Trim(reason);
  if (auto problem = CheckRequiredText(why, kMaxReason, true, "Why it is fast-tracked"))
    return std::unexpected(Error::InvalidField("reason", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = ContactToWorkOn(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  // The procedures in force when it came in say whether, and to which team.
  const policy::PolicyPack& pack = ctx.procedures.PackAt(contact->received_at);
  if (!pack.routing.FastTracks())
    return std::unexpected(Error::Conflict("The procedures in force have no fast track to an assessment team"));
  if (auto done = store::FindFastTrack(*tx, contact_id))
    return std::unexpected(Error::Conflict(
        fmt::format("Contact {} is already fast-tracked to the {}", contact->reference, done->team)));
  const auto state = ContactStateFromId(contact->state).value_or(ContactState::kReceived);
  if (state == ContactState::kDecided || state == ContactState::kDuplicate || state == ContactState::kRouted)
    return std::unexpected(Error::Conflict(fmt::format(
        "Contact {} is {}: only a contact the front door has still to decide is fast-tracked", contact->reference,
        state == ContactState::kDecided     ? "decided"
        : state == ContactState::kDuplicate ? "closed as a duplicate"
                                            : "not the front door's to decide")));
  // A fast-tracked contact is urgent: it stays at the top of the front door's queue, and its marking is
  // audited as the screening's significant-harm answer audits it.
  if (!contact->urgent) {
    store::MarkContactUrgent(*tx, contact_id);
    audit::Append(*tx, {now, actor.user_id, actor.username, "contact.marked_urgent", "contact",
                        std::to_string(contact_id), {{"fast_tracked", true}}});
  }
  OpenUrgentClocks(*tx, ctx, pack, *contact, now);
  store::FastTrack f;
  f.contact_id = contact_id;
  f.contact_reference = contact->reference;
  f.team = pack.routing.referral_team;
  f.reason = why;
  f.by = actor.user_id;
  f.by_name = actor.display_name;
  f.at = now;
  f.state = contact->state;
  Record(*tx, ctx, actor, *contact, f);
  tx->Commit();
  return f;
}

Result<std::vector<store::FastTrack>> ListFastTracked(AppContext& ctx, const Actor& actor, const std::string& team) {
  if (auto allowed = Authorise(actor, Action::kListContacts); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return store::ListFastTracks(*tx, team);
}

}  // namespace fd::app
