// Form bodies (application/x-www-form-urlencoded) of every page route that takes one (every route
// outside /api not a GET), reaching the real page handlers in-process (app_fixture.h): the first
// byte chooses the route, the second a role the route lets in, the rest is the body, posted with the
// role's session cookie and CSRF token. A page with errors (4xx) or a redirect is an answer; a 5xx
// or an exception escaping the router is a finding.
#include "app_fixture.h"
#include "fuzz_check.h"

namespace {

// A page whose session has ended answers with a redirect to the sign-in page.
bool SentToSignIn(const fd::http::Response& response) {
  for (const auto& [name, value] : response.headers)
    if (name == "Location" && value.starts_with("/sign-in")) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  auto& app = fd::fuzz::App::Get();
  static const auto routes = app.UnsafeRoutes(/*api=*/false);
  const auto& route = *routes[data[0] % routes.size()];
  const auto roles = app.RolesFor(route);
  if (roles.empty()) return 0;
  const fd::Role role = roles[data[1] % roles.size()];
  auto request = fd::fuzz::MakeRequest(app, route, role, std::string(fd::fuzz::Text(data + 2, size - 2)),
                                       "application/x-www-form-urlencoded");
  const auto response = app.Dispatch(request);
  fd::fuzz::CheckAnswer(route, role, response);
  // A session ended by the request (a changed password, say) is signed in again for the next one.
  if (response.status == 401 || SentToSignIn(response)) app.Renew(role);
  return 0;
}
