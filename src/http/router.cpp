#include "http/router.h"

#include "http/problem.h"

namespace fd::http {

bool MatchPattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  std::map<std::string, std::string> found;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto pattern_end = pattern.find('/');
    const auto path_end = path.find('/');
    const std::string_view want = pattern.substr(0, pattern_end);
    const std::string_view got = path.substr(0, path_end);
    if (want == "{*}") {
      // A trailing wildcard takes the rest of the path (static files in sub-folders).
      if (got.empty()) return false;
      found.emplace("*", std::string(path));
      params = std::move(found);
      return true;
    }
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      if (got.empty()) return false;
      found.emplace(std::string(want.substr(1, want.size() - 2)), std::string(got));
    } else if (want != got) {
      return false;
    }
    pattern = pattern_end == std::string_view::npos ? std::string_view{} : pattern.substr(pattern_end);
    path = path_end == std::string_view::npos ? std::string_view{} : path.substr(path_end);
  }
  params = std::move(found);
  return true;
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler)});
}

Response Router::Dispatch(Request& request) const {
  std::string allowed;
  // HEAD is answered as GET; the server drops the body.
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    std::map<std::string, std::string> params;
    if (!MatchPattern(route.pattern, request.path, params)) continue;
    if (route.method != method) {
      allowed += (allowed.empty() ? "" : ", ") + route.method;
      continue;
    }
    request.params = std::move(params);
    request.route_index = i;
    if (route.access == Access::kSignedIn && guard_) {
      if (auto stop = guard_(request, route)) return std::move(*stop);
    }
    return route.handler(request);
  }
  if (!allowed.empty()) {
    auto response = Problem(405, "Method not allowed", "This address does not accept " + request.method);
    response.Header("Allow", allowed);
    return response;
  }
  if (not_found_) return not_found_(request);
  return Problem(404, "Not found", "There is nothing at this address");
}

}  // namespace fd::http
