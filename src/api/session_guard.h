// The guard in front of every signed-in route (pages and API alike): finds the session from the
// cookie, puts the user on the request, and checks the CSRF token on every unsafe method. On
// /api/v1/* only, an `Authorization: Bearer` API token (app/api_tokens.h) is taken instead: the
// request then acts within the token's scopes and needs no CSRF token (it carries no cookie).
#pragma once

#include <functional>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "http/router.h"

namespace fd::api {

inline constexpr const char* kSessionCookie = "fd_session";
inline constexpr const char* kCsrfField = "csrf_token";      // hidden field in every form
inline constexpr const char* kCsrfHeader = "x-csrf-token";   // header on unsafe API calls

struct GuardOptions {
  bool secure_cookies = false;  // always mark cookies Secure (set when served over TLS)
};

// The page a person sees when their role may not use a page (the web module draws it).
using PageRefusal = std::function<http::Response(const std::string& message)>;

// API paths (/api/…) are answered 401/403 as problem+json; page paths are redirected to
// /sign-in (401) or shown a "form expired" page or `refuse_page` (403). After the session, the
// route's entry in the route × action table (api/route_permissions.h) must let the role in.
// While the session's user must choose their own password (app::Session::must_change_password), only
// the routes that let them do it (or sign out) are open: a page answers 303 to /account/password, an
// API route 403 problem+json of type kPasswordChangeRequiredType. Bearer tokens are not held.
// A page form sent (POST…) after its session ended (timed out, signed out elsewhere, ended by an
// administrator's change) is answered by `session_ended` (the web module's sign-in page that keeps
// what was typed), not a bare redirect that loses it. Without one, the redirect.
using SessionEndedPage = std::function<http::Response(const http::Request& request)>;
http::Guard MakeSessionGuard(app::AppContext& ctx, PageRefusal refuse_page, SessionEndedPage session_ended = nullptr);

// The own-password page, and the problem type an API client recognises the refusal by.
inline constexpr const char* kOwnPasswordPage = "/account/password";
inline constexpr const char* kPasswordChangeRequiredType = "urn:frontdoor:problem:password-change-required";
inline constexpr const char* kPasswordChangeRequiredMessage =
    "An administrator set your password. Choose your own before you go on.";

// The Actor for a request the guard let through. REQUIRES: request.user is set.
app::Actor ActorOf(const http::Request& request);

// Set-Cookie values for a new session and for signing out.
std::string SessionCookie(const std::string& token, bool secure);
std::string ClearedSessionCookie(bool secure);

// Device cookies (app/device_cookies.h). A browser offers its cookie named for the username it signs
// in as; an API client may send the value in this header instead (it has no cookie jar).
inline constexpr const char* kDeviceCookieHeader = "x-device-cookie";
// The device cookie offered for a sign-in as `username`: the cookie of that name, or else (when
// `header_too`, the API) the X-Device-Cookie header. Empty when none.
std::string OfferedDeviceCookie(const http::Request& request, std::string_view username, bool header_too);
// Set-Cookie for a new device cookie: HttpOnly, SameSite=Strict, Secure when `secure`, kept for the
// cookie's lifetime (a session cookie would be gone when the browser closes, and the trust with it).
std::string DeviceCookie(std::string_view username, const std::string& value, bool secure);

// True for POST, PUT, PATCH and DELETE.
bool IsUnsafeMethod(const std::string& method);

}  // namespace fd::api
