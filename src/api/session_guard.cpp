#include "api/session_guard.h"

#include <cctype>

#include "app/accounts.h"
#include "api/route_permissions.h"
#include "app/api_tokens.h"
#include "app/device_cookies.h"
#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "logging/log.h"

namespace fd::api {

bool IsUnsafeMethod(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string SessionCookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (secure ? "; Secure" : "");
}

std::string OfferedDeviceCookie(const http::Request& request, std::string_view username, bool header_too) {
  if (auto cookie = request.Cookie(app::DeviceCookieName(username))) return *cookie;
  return header_too ? std::string(request.Header(kDeviceCookieHeader)) : std::string();
}

std::string DeviceCookie(std::string_view username, const std::string& value, bool secure) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(app::kDeviceCookieLifetime).count();
  return app::DeviceCookieName(username) + "=" + value + "; Path=/; Max-Age=" + std::to_string(seconds) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

app::Actor ActorOf(const http::Request& request) {
  const auto& u = request.user.value();
  app::Actor actor{u.user_id, u.username, u.display_name, RoleFromId(u.role).value_or(Role::kContactOfficer),
                   u.team_id};
  if (u.api_token_id) actor.token_scopes = u.token_scopes;
  return actor;
}

namespace {

// /metrics is read by a program (a Prometheus server), not a person: like the API it is answered
// 401/403 as problem+json and takes a bearer token, never a redirect to the sign-in page.
bool IsMetrics(const http::Request& request) { return request.path == "/metrics"; }
bool IsApi(const http::Request& request) { return request.path.starts_with("/api/") || IsMetrics(request); }

// The token the client sent: the header for API calls, the hidden form field for pages.
std::string SentCsrfToken(const http::Request& request) {
  if (auto header = request.Header(kCsrfHeader); !header.empty()) return std::string(header);
  if (request.Header("content-type").starts_with("application/x-www-form-urlencoded")) {
    if (auto form = http::ParseUrlEncoded(request.body)) {
      if (auto it = form->find(kCsrfField); it != form->end()) return it->second;
    }
  }
  return {};
}

http::Response Unauthenticated(const http::Request& request, const std::string& message,
                               const SessionEndedPage& session_ended) {
  if (IsApi(request)) return http::Problem(401, "Sign in", message);
  if (IsUnsafeMethod(request.method) && session_ended) return session_ended(request);
  std::string next = request.method == "GET" ? request.target : "/";
  return http::Response::Redirect("/sign-in?next=" + http::PercentEncode(next));
}

// "Authorization: Bearer <token>": the token, or nullopt when the header is absent or another scheme.
std::optional<std::string> BearerToken(const http::Request& request) {
  const std::string_view header = request.Header("authorization");
  if (header.size() < 7) return std::nullopt;
  std::string scheme(header.substr(0, 7));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return std::nullopt;
  std::string_view token = header.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return std::string(token);
}

// API tokens are for system integrations on /api/v1 and /metrics only: on pages a bearer header is ignored (and
// the request treated as not signed in). A bearer request is not sent by a browser on its own, so
// it is not open to cross-site request forgery and needs no CSRF token.
std::optional<http::Response> GuardBearer(app::AppContext& ctx, http::Request& request, const std::string& token) {
  auto use = app::UseApiToken(ctx, token, request.method, request.path);
  if (!use) {
    auto refusal = http::Problem(401, "Sign in", use.error().message);
    refusal.Header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return refusal;
  }
  const app::Actor& actor = use->actor;
  request.user = http::SignedInUser{actor.user_id, actor.username, actor.display_name,
                                    std::string(RoleId(actor.role)), actor.team_id, ""};
  request.user->api_token_id = use->token_id;
  request.user->token_scopes = actor.token_scopes.value_or(std::vector<std::string>{});
  return std::nullopt;
}

// The route × action table (api/route_permissions.h): a signed-in route with no entry is refused
// to everyone, and logged, so a route added without deciding who may use it is never open.
std::optional<http::Response> GuardRoute(const http::Request& request, const http::Route& route,
                                         const PageRefusal& refuse_page) {
  const RoutePermission* permission = FindRoutePermission(route.method, route.pattern);
  std::string refusal;
  if (!permission) {
    logging::Error("route has no entry in the route permissions table; refused",
                   {{"method", route.method}, {"route", route.pattern}});
    refusal = "This page has not been opened to any role yet. Tell the system administrator.";
  } else if (auto allowed = AuthoriseRoute(ActorOf(request), *permission); !allowed) {
    refusal = allowed.error().message;
  } else {
    return std::nullopt;
  }
  if (IsApi(request)) return http::Problem(403, "Not permitted", refusal);
  return refuse_page(refusal);
}

// The routes open while a user must choose their own password: choosing it, their session, signing out.
bool OpenWhilePasswordMustChange(const http::Route& route) {
  static const std::pair<std::string_view, std::string_view> kOpen[] = {
      {"GET", "/api/v1/session"},   {"DELETE", "/api/v1/session"}, {"PUT", "/api/v1/session/password"},
      {"GET", kOwnPasswordPage},    {"POST", kOwnPasswordPage},    {"POST", "/sign-out"}};
  for (const auto& [method, pattern] : kOpen)
    if (route.method == method && route.pattern == pattern) return true;
  return false;
}

http::Response PasswordChangeRequired(const http::Request& request) {
  if (!IsApi(request)) return http::Response::Redirect(kOwnPasswordPage);
  const nlohmann::json body = {{"type", kPasswordChangeRequiredType},
                               {"code", "password_change_required"},
                               {"title", "Choose your own password"},
                               {"status", 403},
                               {"detail", kPasswordChangeRequiredMessage},
                               {"links", {{"change_password", "/api/v1/session/password"}}}};
  return http::Response{403, "application/problem+json", {}, body.dump()};
}

}  // namespace

http::Guard MakeSessionGuard(app::AppContext& ctx, PageRefusal refuse_page, SessionEndedPage session_ended) {
  return [&ctx, refuse_page = std::move(refuse_page), session_ended = std::move(session_ended)](http::Request& request,
                                                       const http::Route& route) -> std::optional<http::Response> {
    if (request.path.starts_with("/api/v1/") || IsMetrics(request)) {
      if (auto bearer = BearerToken(request)) {
        if (auto refused = GuardBearer(ctx, request, *bearer)) return refused;
        return GuardRoute(request, route, refuse_page);
      }
    }
    const auto token = request.Cookie(kSessionCookie);
    if (!token) return Unauthenticated(request, "Sign in to continue", session_ended);
    auto session = app::ResolveSession(ctx, *token);
    if (!session) return Unauthenticated(request, session.error().message, session_ended);
    const app::Actor& actor = session->actor;
    request.user = http::SignedInUser{actor.user_id, actor.username, actor.display_name,
                                      std::string(RoleId(actor.role)), actor.team_id, session->csrf_token};
    request.user->must_change_password = session->must_change_password;
    if (IsUnsafeMethod(request.method) && !app::ConstantTimeEquals(SentCsrfToken(request), session->csrf_token)) {
      if (IsApi(request))
        return http::Problem(403, "Not permitted",
                             "The request is missing its CSRF token: send the X-CSRF-Token header given at sign-in");
      auto page = http::Response::Html(
          403,
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Form expired - frontdoor</title>"
          "</head><body><main><h1>This form has expired</h1><p>Nothing was saved. Go back, reload the page and "
          "submit it again.</p><p><a href=\"/\">Go to your home page</a></p></main></body></html>");
      return page;
    }
    // Someone else knows their password: until they choose their own, whoever has it could be them.
    if (session->must_change_password && !OpenWhilePasswordMustChange(route)) return PasswordChangeRequired(request);
    return GuardRoute(request, route, refuse_page);
  };
}

}  // namespace fd::api
