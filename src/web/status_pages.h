// Referrer status link pages (issue 12 point 3; app/status_links.h):
//   GET  /status/{secret}                    public: where the contact has got to
//   GET  /contacts/{id}/status-links/revoke  staff: the form to revoke the contact's links, with a reason
//   POST /contacts/{id}/status-links/revoke  staff: revoke; back to the contact with a banner
// and the "Referrer's status link" section of the contact page (AddStatusLinks).
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterStatusPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// Sets the contact page's status link rows (`status_links`, `has_status_links`) and whether the
// reader may revoke them (`may_revoke_status_link`).
void AddStatusLinks(PageContext& pc, const app::Actor& actor, std::int64_t contact_id, Data& d);

}  // namespace fd::web
