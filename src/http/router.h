// Routes: METHOD + pattern ("/api/v1/contacts/{id}") → handler. The table of routes is data, so
// tests can walk every route (every route must declare who may reach it).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace fd::http {

using Handler = std::function<Response(Request&)>;

// Who may reach a route before its handler runs. Everything is kSignedIn unless a route says
// otherwise; only health checks, sign-in, static files and the public portal are kPublic.
enum class Access { kPublic, kSignedIn };

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kSignedIn;
  Handler handler;
  // Answered on the I/O thread that read the request, never queued for a handler thread (AddInPlace).
  bool in_place = false;
};

// Runs before every kSignedIn route: returns a response to stop (401, redirect to sign-in, 403 for
// a bad CSRF token), or nothing to go on, having set request.user.
using Guard = std::function<std::optional<Response>(Request&, const Route&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, Handler handler);
  // A public route at a fixed path whose handler touches no database and never waits (the liveness
  // check): the server answers it where it read it, without a handler thread, so it is answered even
  // when every handler is busy and other requests are shed with 503. REQUIRES: no {param} in `path`.
  void AddInPlace(std::string method, std::string path, Handler handler);
  // Whether `request` is for a route added with AddInPlace (HEAD as GET). Cheap: compares the path
  // with the few such routes only.
  bool AnswersInPlace(const Request& request) const;
  void SetGuard(Guard guard) { guard_ = std::move(guard); }
  // A handler for "no such route" (GOV.UK-style page for browsers, problem+json for the API).
  void SetNotFound(Handler handler) { not_found_ = std::move(handler); }

  // Finds the route, runs the guard and the handler. Never throws for user input; a fault thrown
  // by a handler propagates to the server, which logs it and answers 500/503.
  Response Dispatch(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

  // `path` as it may be logged: a segment where a route's pattern names {secret} (a referrer's
  // status link) is written "[secret]". Matched by the segments before it only, so a mistyped or
  // wrong-method look at a link (a 404 or 405) does not write its secret either.
  std::string LoggablePath(std::string_view path) const;

 private:
  std::vector<Route> routes_;
  std::vector<std::size_t> in_place_;  // indexes into routes_ of the routes added with AddInPlace
  // The patterns' segments before {secret}, one list per such route ("{...}" matches any segment).
  std::vector<std::vector<std::string>> secret_prefixes_;
  Guard guard_;
  Handler not_found_;
};

// True when `path` matches `pattern`, filling `params` with the {name} segments.
bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);

}  // namespace fd::http
