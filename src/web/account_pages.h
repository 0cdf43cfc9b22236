// A signed-in user's own account: /account/password, where they change their password (current
// password, the new one twice), linked from the bar at the top of every page (app::ChangeOwnPassword).
#pragma once

#include <memory>

#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterAccountPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
