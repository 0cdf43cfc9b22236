#include "web/remembered_browser_pages.h"

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/remembered_browsers.h"
#include "calendar/local_time.h"

namespace fd::web {
namespace {

// Where one user's browsers are shown and forgotten: their own account page, or the administrator's.
struct Place {
  std::int64_t user_id = 0;
  bool own = true;
  std::string path() const { return own ? "/account/browsers" : fmt::format("/users/{}/browsers", user_id); }
};

std::optional<Place> PlaceOf(const http::Request& request, bool own) {
  if (own) return Place{api::ActorOf(request).user_id, true};
  auto id = PathId(request);
  if (!id) return std::nullopt;
  return Place{*id, false};
}

http::Response NoSuchUser() { return ErrorPage(Error::NotFound("There is no user with that number")); }

http::Response ListPage(PageContext& pc, http::Request& request, bool own) {
  const auto place = PlaceOf(request, own);
  if (!place) return NoSuchUser();
  auto browsers = app::ListRememberedBrowsers(pc.app, api::ActorOf(request), place->user_id);
  if (!browsers) return ErrorPage(browsers.error());
  Data d = PageData(request, own ? "Your remembered browsers" : "Remembered browsers");
  d.set("heading", own ? std::string("Your remembered browsers")
                       : fmt::format("{}'s remembered browsers ({})", browsers->display_name, browsers->username));
  d.set("intro", own ? "These are the browsers you have signed in from in the last 30 days."
                     : "These are the browsers this user has signed in from in the last 30 days.");
  d.set("whose", own ? "you" : "they");
  d.set("none_message", own ? "No browser is remembered for you." : "No browser is remembered for this user.");
  const std::string csrf = request.user ? request.user->csrf_token : "";
  Data list = List();
  for (const auto& b : browsers->browsers) {
    Data item = Object();
    item.set("description", b.description);
    item.set("first_remembered", calendar::FormatLocalForPeople(b.first_remembered_at, pc.app.time_zone));
    item.set("last_used", calendar::FormatLocalForPeople(b.last_used_at, pc.app.time_zone));
    item.set("forget_path", fmt::format("{}/{}/forget", place->path(), b.id));
    item.set("csrf_token", csrf);
    list.push_back(item);
  }
  d.set("has_browsers", !browsers->browsers.empty());
  d.set("browsers", list);
  d.set("forget_all_path", place->path() + "/forget");
  const std::string forgotten = request.QueryParam("forgotten");
  if (forgotten == "one" || forgotten == "all") {
    d.set("forgotten", true);
    d.set("forgotten_message", forgotten == "one" ? "The browser is forgotten" : "Every browser is forgotten");
  }
  return Page(pc, 200, "remembered_browsers", d);
}

http::Response ForgetOne(PageContext& pc, http::Request& request, bool own) {
  const auto place = PlaceOf(request, own);
  if (!place) return NoSuchUser();
  const auto browser = own ? PathId(request) : api::IdParam(request, "device_id");
  if (!browser) return ErrorPage(Error::NotFound("That browser is not one this user is remembered on"));
  auto forgotten = app::ForgetRememberedBrowser(pc.app, api::ActorOf(request), place->user_id, *browser);
  if (!forgotten) return ErrorPage(forgotten.error());
  return http::Response::Redirect(place->path() + "?forgotten=one");
}

http::Response ForgetAll(PageContext& pc, http::Request& request, bool own) {
  const auto place = PlaceOf(request, own);
  if (!place) return NoSuchUser();
  auto forgotten = app::ForgetRememberedBrowsers(pc.app, api::ActorOf(request), place->user_id);
  if (!forgotten) return ErrorPage(forgotten.error());
  return http::Response::Redirect(place->path() + "?forgotten=all");
}

}  // namespace

void RegisterRememberedBrowserPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/account/browsers", Access::kSignedIn, [pc](http::Request& r) { return ListPage(*pc, r, true); });
  router.Add("POST", "/account/browsers/{id}/forget", Access::kSignedIn,
             [pc](http::Request& r) { return ForgetOne(*pc, r, true); });
  router.Add("POST", "/account/browsers/forget", Access::kSignedIn,
             [pc](http::Request& r) { return ForgetAll(*pc, r, true); });
  router.Add("GET", "/users/{id}/browsers", Access::kSignedIn, [pc](http::Request& r) { return ListPage(*pc, r, false); });
  router.Add("POST", "/users/{id}/browsers/{device_id}/forget", Access::kSignedIn,
             [pc](http::Request& r) { return ForgetOne(*pc, r, false); });
  router.Add("POST", "/users/{id}/browsers/forget", Access::kSignedIn,
             [pc](http::Request& r) { return ForgetAll(*pc, r, false); });
}

}  // namespace fd::web
