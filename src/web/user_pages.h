// The administrator's accounts on the pages (app/user_directory.h, app/account_changes.h): /users lists
// every account with a filter, /users/{id} shows one with its actions (disable or enable, change role,
// move team, lift a lock-out, set a temporary password), /users/new adds one. The same use cases as `frontdoor user …`.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterUserPages(http::Router& router, const std::shared_ptr<PageContext>& pc);
// The home page's link to /users, for the administrator.
void AddUsersLink(const app::Actor& actor, Data& d);

}  // namespace fd::web
