// Which roles may reach each signed-in route: the route-level half of "who may do what".
//
// Every signed-in route (page or API) has one entry here naming the actions that let a role in
// (any one of them is enough). The session guard checks the entry before the handler runs, so a
// refused role learns nothing about the record or the body it sent; the use case then applies the
// record-level rules (restricted records, the allocated worker, never one's own authorisation).
// A signed-in route with no entry is refused to everyone: deny by default. The route × role walk
// (tests/api/route_permissions_test.cpp) fails when a route is added without an entry.
#pragma once

#include <initializer_list>
#include <span>
#include <string_view>

#include "app/actor.h"
#include "app/permissions.h"
#include "domain/error.h"

namespace fd::api {

struct RoutePermission {
  std::string_view method;
  std::string_view pattern;
  // Empty: any signed-in user (their own session, home page, signing out).
  std::initializer_list<app::Action> any_of;
  // For a route several actions reach: what a role refused may not do, in its words ("read …"),
  // rather than the first action's, which may be another step altogether. Empty: the first action's.
  std::string_view refused_what = {};
};

std::span<const RoutePermission> AllRoutePermissions();
// The entry for a route, or nullptr when it has none.
const RoutePermission* FindRoutePermission(std::string_view method, std::string_view pattern);
// Ok when the actor (within its API token's scopes, if any) may do one of the entry's actions;
// otherwise the refusal naming what the role may not do (the entry's `refused_what`, else the first
// action's).
Result<void> AuthoriseRoute(const app::Actor& actor, const RoutePermission& permission);
// True when the role may reach the route (token scopes aside).
bool RoleMayReach(Role role, const RoutePermission& permission);

}  // namespace fd::api
