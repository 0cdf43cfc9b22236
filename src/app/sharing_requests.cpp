#include "app/sharing_requests.h"

#include <fmt/format.h>

#include "app/already_done.h"
#include "app/case_access.h"
#include "app/permissions.h"
#include "app/screening_allocation.h"
#include "audit/audit_log.h"
#include "domain/contact_workflow.h"
#include "store/contact_records.h"
#include "store/workflow_records.h"

namespace fd::app {

Result<int> AskForSharingAuthorisation(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(*tx, *contact)); !may) return std::unexpected(may.error());
  if (auto may = MayScreenAllocated(ctx, *tx, actor, contact_id); !may) return std::unexpected(may.error());
  const auto screening = store::FindScreening(*tx, contact_id);
  if (contact->state != "screening" || !screening)
    return std::unexpected(Error::Conflict("Sharing is authorised while the contact is being screened"));
  if (!screening->NeedsSharingAuthorisation())
    return std::unexpected(Error::Conflict("The parents have been informed, so no authorisation is needed to share"));
  if (screening->SharingAuthorised())
    return std::unexpected(Error::Conflict("A team manager has already authorised sharing without the parents' knowledge"));
  // Asked already: the managers have it on their home page; asking again would only repeat it.
  const auto asked = tx->Query(
      "SELECT at FROM audit_events WHERE record_type = 'contact' AND record_id = ? AND action = "
      "'contact.sharing_authorisation_requested' AND actor_id = ? ORDER BY seq DESC LIMIT 1",
      {std::to_string(contact_id), actor.user_id});
  if (!asked.empty())
    if (const auto at = ParseUtc(asked[0].Text(0)))
      return std::unexpected(AlreadyDone("asked a team manager to authorise sharing", *at, ctx.time_zone,
                                         "it is on their home page, so they were not asked again"));
  std::vector<std::int64_t> managers;
  if (contact->team_id)
    for (const auto& row : tx->Query("SELECT id FROM users WHERE team_id = ? AND role = 'team_manager' AND active = 1 "
                                     "ORDER BY id",
                                     {*contact->team_id}))
      managers.push_back(row.Int(0));
  if (managers.empty())
    return std::unexpected(Error::Conflict(
        "No team manager of this contact's team has an active account to ask: ask a team manager in person"));
  for (std::int64_t manager : managers)
    store::InsertStaffNotice(*tx,
                             manager,
                             fmt::format("{} asks you to authorise sharing without the parents' knowledge on contact {} "
                                         "(KCR-15, HCR-26)",
                                         actor.display_name, contact->reference),
                             fmt::format("/contacts/{}/screening#sharing-authorisation", contact_id), now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.sharing_authorisation_requested", "contact",
                      std::to_string(contact_id), {{"managers", managers}}});
  tx->Commit();
  return static_cast<int>(managers.size());
}

}  // namespace fd::app
