// KCR-14: a member of the public who reports a concern is protected. Every read of a contact
// (GetContact, ListContacts, ListQueue, GetWorkflow, and so every page, API answer and export built
// on them) carries the referrer with their name, role, phone and e-mail withheld. Those who may need
// to call them back (Action::kViewReferrerIdentity) ask for the identity with a reason, and each look
// is audited ("referrer.identity_viewed": who, when, why). Nothing frontdoor sends to parents or
// other agencies is built from the identity.
#pragma once

#include <cstdint>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"

namespace fd::app {

// Withholds a protected referrer's identity in a contact about to be shown (WithholdIdentity).
void ProtectReferrer(Contact& contact);

// The referrer as recorded, for someone allowed to see it and saying why (kInvalid naming
// "reason" when it is missing or over 500 characters; kForbidden for other roles; kNotFound).
// The look is audited in the same transaction as the read.
Result<Referrer> RevealReferrer(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                const std::string& reason);

}  // namespace fd::app
