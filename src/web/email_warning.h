// The GOV.UK warning that e-mails are not being sent (app/email_trouble.h), on the manager's home
// page, the dashboard and the deadlines page: an acknowledgement waiting in the outbox is not made
// (HCR-22), and a log line nobody reads must not be the only sign. The page's template includes
// the `outbox_warning` partial.
#pragma once

#include "app/actor.h"
#include "web/page_kit.h"

namespace fd::web {

// Sets `email_warning` in `d` when e-mail is failing and the actor may be told; for an administrator
// also `email_warning.emails`, each troubled e-mail without its recipient or body.
void AddEmailWarning(const PageContext& pc, const app::Actor& actor, Data& d);

}  // namespace fd::web
