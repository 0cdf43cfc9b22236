#include "app/leaver_work.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.h"
#include "store/referrer_callback_records.h"
#include "store/screening_allocation_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

std::string Joined(const std::vector<std::string>& references) {
  std::string out;
  for (const auto& r : references) out += (out.empty() ? "" : ", ") + r;
  return out;
}

void AddOnce(std::vector<std::int64_t>& ids, std::int64_t id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

std::vector<std::int64_t> ActiveUsers(store::Transaction& tx, const std::string& role,
                                      const std::vector<std::int64_t>& teams) {
  std::vector<std::int64_t> out;
  if (teams.empty()) {
    for (const auto& r : tx.Query("SELECT id FROM users WHERE role = ? AND active = 1 ORDER BY id", {role}))
      AddOnce(out, r.Int(0));
    return out;
  }
  for (const auto team : teams)
    for (const auto& r : tx.Query(
             "SELECT id FROM users WHERE role = ? AND active = 1 AND team_id = ? ORDER BY id", {role, team}))
      AddOnce(out, r.Int(0));
  return out;
}

}  // namespace

LeaversWork HandOverWork(store::Transaction& tx, const std::optional<Actor>& by, const store::UserRecord& user,
                         const HandOver& how, Instant now) {
  LeaversWork work;
  std::vector<std::int64_t> teams;
  if (user.team_id) teams.push_back(*user.team_id);
  for (const auto& open : store::OpenScreeningAllocationsOf(tx, user.id)) {
    // A move keeps the new team's contacts theirs (a manager allocates only within a team, so
    // normally none); a role that still screens keeps them all.
    if (how.may_screen && (!how.team_id || open.team_id == how.team_id)) continue;
    store::ReleaseScreeningAllocation(tx, open.contact_id);
    // The allocation's history is its contact.screening_allocated events: this one allocates to no one.
    audit::Append(
        tx, {now,
             by ? std::optional(by->user_id) : std::nullopt,
             by ? by->username : "system",
             "contact.screening_allocated",
             "contact",
             std::to_string(open.contact_id),
             {{"worker_id", nullptr}, {"previous_worker_id", user.id}, {"reason", how.reason}}});
    work.screenings_released.push_back(open.reference);
    if (open.team_id) AddOnce(teams, *open.team_id);
  }
  if (!how.may_call_referrers)
    for (const auto& call : store::OpenReferrerCallbacksOf(tx, user.id))
      work.referrer_calls.push_back(call.contact_reference);
  if (!how.may_record_chair_consultations)
    for (const auto& r :
         tx.Query("SELECT reference FROM chair_consultations WHERE allocated_chair_id = ? AND status <> "
                  "'recorded' ORDER BY requested_at, id",
                  {user.id}))
      work.chair_consultations.push_back(r.Text(0));

  if (!work.screenings_released.empty() || !work.referrer_calls.empty()) {
    std::string message = how.what_happened;
    if (!work.screenings_released.empty())
      message += fmt::format(" Back in the team's queue, to screen or allocate again: {}.",
                             Joined(work.screenings_released));
    if (!work.referrer_calls.empty())
      message += fmt::format(
          " Referrers they were to ring with the outcome (the call is on each contact's page): {}.",
          Joined(work.referrer_calls));
    // With no team, no manager would hear of it: every team manager does.
    for (const auto manager : ActiveUsers(tx, "team_manager", teams))
      if (manager != user.id) store::InsertStaffNotice(tx, manager, message, "/contacts", now);
  }
  if (!work.chair_consultations.empty()) {
    std::string opening = how.what_happened;
    if (opening.ends_with('.')) opening.pop_back();
    const std::string message = fmt::format("{}: allocate their chair consultations to another chair: {}.", opening,
                                            Joined(work.chair_consultations));
    for (const auto coordinator : ActiveUsers(tx, "cp_coordinator", {}))
      if (coordinator != user.id) store::InsertStaffNotice(tx, coordinator, message, "/chair-consultations", now);
  }
  return work;
}

LeaversWork HandOverLeaversWork(store::Transaction& tx, const std::optional<Actor>& by,
                                const store::UserRecord& leaver, Instant now) {
  HandOver how;
  how.what_happened = fmt::format("{}'s account was disabled.", leaver.display_name);
  return HandOverWork(tx, by, leaver, how, now);
}

std::string LeaversWorkSummary(const LeaversWork& work) {
  std::vector<std::string> parts;
  const auto n = work.screenings_released.size();
  parts.push_back(n == 0 ? "no screening was allocated to them"
                         : fmt::format("{} screening{} released back to the team's queue ({})", n,
                                       n == 1 ? "" : "s", Joined(work.screenings_released)));
  if (const auto calls = work.referrer_calls.size())
    parts.push_back(fmt::format("{} referrer call{} they owed told to their managers ({})", calls,
                                calls == 1 ? "" : "s", Joined(work.referrer_calls)));
  if (const auto chairs = work.chair_consultations.size())
    parts.push_back(fmt::format("{} chair consultation{} to re-allocate told to the coordinators ({})",
                                chairs, chairs == 1 ? "" : "s", Joined(work.chair_consultations)));
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

}  // namespace fd::app
