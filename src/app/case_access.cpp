#include "app/case_access.h"

#include <fmt/format.h>

#include "store/contact_records.h"
#include "store/register_records.h"
#include "store/user_records.h"

namespace fd::app {

std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, const Contact& contact) {
  return CaseHolderOf(tx, contact.allocated_user_id);
}

std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, std::optional<std::int64_t> worker_id) {
  if (!worker_id) return std::nullopt;
  CaseHolder holder;
  holder.worker_id = *worker_id;
  if (auto worker = store::FindUserById(tx, holder.worker_id)) {
    holder.worker_name = worker->display_name;
    holder.team_id = worker->team_id;
  }
  return holder;
}

Result<void> MayWorkOnCase(const Actor& actor, const std::optional<CaseHolder>& holder) {
  if (!holder || actor.user_id == holder->worker_id) return {};
  // A team manager of the worker's own team (cover, supervision, authorisation). A worker with no
  // team has no team managers: only they work the case.
  if (actor.role == Role::kTeamManager && holder->team_id && actor.team_id == holder->team_id) return {};
  const std::string who = holder->worker_name.empty() ? std::string("the allocated worker") : holder->worker_name;
  return std::unexpected(Error::Forbidden(fmt::format(
      "This child's case is open to {}: only they and their team managers may work on this contact. You can read "
      "it; ask {} or their team manager to act on it.",
      who, who)));
}

Result<Contact> ContactToWorkOn(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto contact = store::FindContact(tx, id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(tx, *contact)); !may) return std::unexpected(may.error());
  return std::move(*contact);
}

std::optional<CaseHolder> CaseHolderOf(store::Transaction& tx, std::optional<std::int64_t> worker_id,
                                       std::optional<std::int64_t> team_id) {
  if (worker_id) return CaseHolderOf(tx, worker_id);
  if (!team_id) return std::nullopt;
  CaseHolder holder;  // worker_id 0: nobody is its worker
  holder.team_id = team_id;
  holder.team_name = store::TeamName(tx, *team_id).value_or("");
  return holder;
}

Result<void> MayChangeCase(const Actor& actor, const std::optional<CaseHolder>& holder, const std::string& what) {
  if (!holder || (holder->worker_id != 0 && actor.user_id == holder->worker_id)) return {};
  if (actor.role == Role::kTeamManager && holder->team_id && actor.team_id == holder->team_id) return {};
  if (holder->worker_id == 0) {
    const std::string team = holder->team_name.empty() ? std::string("its team") : holder->team_name;
    return std::unexpected(Error::Forbidden(fmt::format(
        "This child's case is open to {}: only a team manager of {} may {}. Ask a team manager of {}.", team, team,
        what, team)));
  }
  const std::string who = holder->worker_name.empty() ? std::string("the allocated worker") : holder->worker_name;
  return std::unexpected(Error::Forbidden(fmt::format(
      "This child's case is open to {}: only they and their team managers may {}. Ask {} or their team manager.", who,
      what, who)));
}

}  // namespace fd::app
