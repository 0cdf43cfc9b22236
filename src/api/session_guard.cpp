#include "api/session_guard.h"

#include "app/accounts.h"
#include "http/problem.h"

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

app::Actor ActorOf(const http::Request& request) {
  const auto& u = request.user.value();
  return app::Actor{u.user_id, u.username, u.display_name, RoleFromId(u.role).value_or(Role::kContactOfficer),
                    u.team_id};
}

namespace {

bool IsApi(const http::Request& request) { return request.path.starts_with("/api/"); }

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

http::Response Unauthenticated(const http::Request& request, const std::string& message) {
  if (IsApi(request)) return http::Problem(401, "Sign in", message);
  std::string next = request.method == "GET" ? request.target : "/";
  return http::Response::Redirect("/sign-in?next=" + http::PercentEncode(next));
}

}  // namespace

http::Guard MakeSessionGuard(app::AppContext& ctx) {
  return [&ctx](http::Request& request, const http::Route&) -> std::optional<http::Response> {
    const auto token = request.Cookie(kSessionCookie);
    if (!token) return Unauthenticated(request, "Sign in to continue");
    auto session = app::ResolveSession(ctx, *token);
    if (!session) return Unauthenticated(request, session.error().message);
    const app::Actor& actor = session->actor;
    request.user = http::SignedInUser{actor.user_id, actor.username, actor.display_name,
                                      std::string(RoleId(actor.role)), actor.team_id, session->csrf_token};
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
    return std::nullopt;
  };
}

}  // namespace fd::api
