// Remembered browsers on the pages (app/remembered_browsers.h): a user's own on /account/browsers,
// linked from the bar at the top of every page, and any user's on /users/{id}/browsers for the
// administrator; each with "Forget this browser" and "Forget all".
#pragma once

#include <memory>

#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterRememberedBrowserPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
