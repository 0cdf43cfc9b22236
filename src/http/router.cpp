#include "http/router.h"

#include <algorithm>
#include <optional>
#include <utility>

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

namespace {

// The segments of a path or pattern, without the leading '/' of each.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty() && path.front() == '/') {
    path.remove_prefix(1);
    const auto end = path.find('/');
    segments.push_back(path.substr(0, end));
    path = end == std::string_view::npos ? std::string_view{} : path.substr(end);
  }
  return segments;
}

bool IsParam(std::string_view segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

// Where in `path` the non-empty segment after `prefix`'s segments lies ([begin, end) of its text),
// when the path's segments before it match the prefix's.
std::optional<std::pair<std::size_t, std::size_t>> SecretSegment(std::string_view path,
                                                                 const std::vector<std::string>& prefix) {
  std::size_t at = 0;  // the '/' before the segment looked at
  const auto segment_end = [&](std::size_t slash) { return std::min(path.find('/', slash + 1), path.size()); };
  for (const std::string& want : prefix) {
    if (at >= path.size() || path[at] != '/') return std::nullopt;
    const std::size_t end = segment_end(at);
    if (!IsParam(want) && want != path.substr(at + 1, end - at - 1)) return std::nullopt;
    at = end;
  }
  if (at >= path.size() || path[at] != '/') return std::nullopt;
  const std::size_t end = segment_end(at);
  if (end == at + 1) return std::nullopt;  // empty: nothing to hide
  return std::pair{at + 1, end};
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  std::vector<std::string> prefix;
  for (std::string_view segment : Segments(pattern)) {
    if (segment == "{secret}") {
      if (std::find(secret_prefixes_.begin(), secret_prefixes_.end(), prefix) == secret_prefixes_.end())
        secret_prefixes_.push_back(prefix);
      break;
    }
    prefix.emplace_back(segment);
  }
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler), false});
}

void Router::AddInPlace(std::string method, std::string path, Handler handler) {
  in_place_.push_back(routes_.size());
  routes_.push_back(Route{std::move(method), std::move(path), Access::kPublic, std::move(handler), true});
}

bool Router::AnswersInPlace(const Request& request) const {
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
  return std::any_of(in_place_.begin(), in_place_.end(), [&](std::size_t i) {
    return routes_[i].method == method && routes_[i].pattern == request.path;
  });
}

std::string Router::LoggablePath(std::string_view path) const {
  // Runs for every request's log line: no copy of the path unless there is a secret in it.
  std::string masked;
  for (const auto& prefix : secret_prefixes_) {
    const std::string_view current = masked.empty() ? path : std::string_view(masked);
    if (auto at = SecretSegment(current, prefix)) {
      std::string replaced(current);
      replaced.replace(at->first, at->second - at->first, "[secret]");
      masked = std::move(replaced);
    }
  }
  return masked.empty() ? std::string(path) : masked;
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
