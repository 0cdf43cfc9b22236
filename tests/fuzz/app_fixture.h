// The real service, in-process, for the API and form harnesses: every route the router has, on a
// migrated SQLite store in a fresh folder (on /dev/shm when there is one: fuzzing commits thousands
// of transactions), the Kent procedures, a clock fixed on a Wednesday morning (lines open), one
// signed-in session per role, and a few real records so routes with an {id} reach a real one.
// Requests go straight to the router's Dispatch: the parsing, validation, use cases and store are
// the real ones; only the socket is left out (tests/fuzz/fuzz_http_request.cpp covers that part).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "domain/role.h"
#include "http/message.h"
#include "http/router.h"

namespace fd::fuzz {

class App {
 public:
  // Built on first use and kept for the whole run (libFuzzer calls the harness millions of times).
  static App& Get();

  // The routes a harness targets: signed-in or public, method not GET, path under /api/ or not.
  // Routes that end the harness's own sessions (signing out) are left out.
  std::vector<const http::Route*> UnsafeRoutes(bool api) const;
  // The roles that may reach the route (every role for a public route), in AllRoles() order.
  std::vector<Role> RolesFor(const http::Route& route) const;
  // The route's pattern with real record ids in its {…} segments.
  std::string Target(const http::Route& route, Role role) const;
  // The session cookie header value and CSRF token of the role's session.
  std::string Cookie(Role role) const;
  const std::string& CsrfToken(Role role) const;

  // Dispatches as the server would after reading the request. Any exception escaping the router
  // is a finding: the real server would answer 500.
  http::Response Dispatch(http::Request& request);
  // Signs the role in again (a request may have ended its session, e.g. by changing a password).
  void Renew(Role role);

  ~App();

 private:
  App();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fills a request for `route` as `role` would send it, with the body and content type given.
http::Request MakeRequest(App& app, const http::Route& route, Role role, std::string body, std::string content_type);

// A 5xx answer is a finding (a 503 too: the store is healthy, so a 503 means a fault was mapped).
void CheckAnswer(const http::Route& route, Role role, const http::Response& response);

}  // namespace fd::fuzz
