// JSON bodies of every API route that takes one (every /api/v1 route not a GET), reaching the real
// handlers in-process (app_fixture.h): the first byte chooses the route, the second a role the route
// lets in, the rest is the body, sent as application/json with the role's session and CSRF token.
// 2xx and 4xx are answers; a 5xx or an exception escaping the router is a finding.
#include "app_fixture.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  auto& app = fd::fuzz::App::Get();
  static const auto routes = app.UnsafeRoutes(/*api=*/true);
  const auto& route = *routes[data[0] % routes.size()];
  const auto roles = app.RolesFor(route);
  if (roles.empty()) return 0;
  const fd::Role role = roles[data[1] % roles.size()];
  auto request = fd::fuzz::MakeRequest(app, route, role, std::string(fd::fuzz::Text(data + 2, size - 2)),
                                       "application/json");
  const auto response = app.Dispatch(request);
  fd::fuzz::CheckAnswer(route, role, response);
  if (response.status == 401) app.Renew(role);
  return 0;
}
