// A request and a response as the rest of frontdoor sees them: plain values, independent of Beast,
// so handlers are simple functions and are tested without a socket.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fd::http {

// Who is signed in, as established by the session guard (see api/session_guard.h).
struct SignedInUser {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string role;        // domain RoleId, e.g. "social_worker"
  std::optional<std::int64_t> team_id;
  std::string csrf_token;  // the session's token; forms and unsafe API calls must echo it
  // Set when the request was authenticated by an API token (Authorization: Bearer) rather than a
  // session cookie: the token's id and scopes. Such requests carry no cookie, so need no CSRF token.
  std::optional<std::int64_t> api_token_id = std::nullopt;
  std::vector<std::string> token_scopes = {};
  // A session whose user must choose their own password before anything else (app::Session).
  bool must_change_password = false;
};

struct Request {
  std::string method;  // upper case: GET, POST, …
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path, no query
  std::multimap<std::string, std::string> query;            // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  bool secure = false;  // arrived over TLS (directly or via a trusted proxy)

  // Set by the server: the request's id (X-Request-Id), carried to every log line for it.
  std::string request_id;

  // Filled by the router and the guard.
  std::map<std::string, std::string> params;  // "{id}" captures of the route pattern
  std::optional<std::size_t> route_index;     // the matched route's place in Router::routes()
  std::optional<SignedInUser> user;

  // First header of that (case-insensitive) name, or empty.
  std::string_view Header(std::string_view name) const;
  // Whether a header of that (case-insensitive) name was sent, even empty (an empty key is refused
  // rather than ignored).
  bool HasHeader(std::string_view name) const;
  // Value of a cookie, if present.
  std::optional<std::string> Cookie(std::string_view name) const;
  // First query parameter of that name, or empty.
  std::string QueryParam(std::string_view name) const;
  std::string Param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Location, …)
  std::string body;

  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  bool HasHeader(std::string_view name) const;

  static Response Text(int status, std::string body);
  static Response Html(int status, std::string body);
  static Response Json(int status, std::string body);
  static Response Redirect(std::string location);  // 303 See Other: after a POST, the browser GETs
};

// Parses application/x-www-form-urlencoded (and query strings). Repeated names keep every value
// in order. Returns nullopt when the encoding is broken (bad %XX).
std::optional<std::multimap<std::string, std::string>> ParseUrlEncoded(std::string_view text);
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);
std::string PercentEncode(std::string_view text);

}  // namespace fd::http
