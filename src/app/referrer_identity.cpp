#include "app/referrer_identity.h"

#include "app/permissions.h"
#include "audit/audit_log.h"
#include "domain/text.h"
#include "store/contact_records.h"

namespace fd::app {

void ProtectReferrer(Contact& contact) { WithholdIdentity(contact.referrer); }

Result<Referrer> RevealReferrer(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                const std::string& reason) {
  if (auto allowed = Authorise(actor, Action::kViewReferrerIdentity); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckRequiredText(reason, 500, false, "Why you need the referrer's details"))
    return std::unexpected(Error::InvalidField("reason", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  audit::Append(*tx, {now, actor.user_id, actor.username, "referrer.identity_viewed", "contact",
                      std::to_string(contact_id), {{"reason", Trim(reason)}}});
  tx->Commit();
  return contact->referrer;
}

}  // namespace fd::app
