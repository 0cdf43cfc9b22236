// KCR-14: the page where someone allowed to (a contact officer, social worker or team manager)
// asks for a member of the public's name and contact details, saying why; each look is audited
// (app/referrer_identity.h).
#pragma once

#include <memory>

#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterReferrerPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
