// A user's remembered browsers over the API (app/remembered_browsers.h), the administrator's:
//   GET    /api/v1/users/{id}/devices              the browsers user {id} is remembered on
//   DELETE /api/v1/users/{id}/devices/{device_id}  forget one (404 when it is not theirs)
//   DELETE /api/v1/users/{id}/devices              forget them all
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterRememberedBrowserApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
