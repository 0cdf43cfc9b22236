#include "api/remembered_browser_routes.h"

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/remembered_browsers.h"
#include "calendar/local_time.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

http::Response NoSuchUser() { return http::Problem(404, "Not found", "There is no user with that number"); }

http::Response ListApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchUser();
  auto browsers = app::ListRememberedBrowsers(ctx, ActorOf(request), *id);
  if (!browsers) return http::ProblemFrom(browsers.error());
  json items = json::array();
  for (const auto& b : browsers->browsers)
    items.push_back({{"id", b.id},
                     {"description", b.description},
                     {"first_remembered_at", calendar::FormatLocalIso(b.first_remembered_at, ctx.time_zone)},
                     {"last_used_at", calendar::FormatLocalIso(b.last_used_at, ctx.time_zone)},
                     {"expires_at", calendar::FormatLocalIso(b.expires_at, ctx.time_zone)}});
  return http::Response::Json(200, json{{"devices", items}}.dump());
}

http::Response ForgetOneApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchUser();
  const auto device_id = IdParam(request, "device_id");
  if (!device_id) return http::Problem(404, "Not found", "That browser is not one this user is remembered on");
  auto forgotten = app::ForgetRememberedBrowser(ctx, ActorOf(request), *id, *device_id);
  if (!forgotten) return http::ProblemFrom(forgotten.error());
  http::Response response;
  response.status = 204;
  return response;
}

http::Response ForgetAllApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchUser();
  auto forgotten = app::ForgetRememberedBrowsers(ctx, ActorOf(request), *id);
  if (!forgotten) return http::ProblemFrom(forgotten.error());
  return http::Response::Json(200, json{{"forgotten", *forgotten}}.dump());
}

}  // namespace

void RegisterRememberedBrowserApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/users/{id}/devices", Access::kSignedIn,
             [&ctx](http::Request& r) { return ListApi(ctx, r); });
  router.Add("DELETE", "/api/v1/users/{id}/devices/{device_id}", Access::kSignedIn,
             [&ctx](http::Request& r) { return ForgetOneApi(ctx, r); });
  router.Add("DELETE", "/api/v1/users/{id}/devices", Access::kSignedIn,
             [&ctx](http::Request& r) { return ForgetAllApi(ctx, r); });
}

}  // namespace fd::api
