// /api/v1/people: the people register — recording people, their names, addresses, relationships and
// involvement, restriction, merging and undoing a merge — and linking a contact's child to the
// register (docs/api.md "People register"). The typed search, /api/v1/people/search, is
// person_search_routes.h; register these routes after it so "/people/{id}" never shadows "search".
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterPeopleApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
