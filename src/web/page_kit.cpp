#include "web/page_kit.h"

#include "api/json_body.h"
#include "app/permissions.h"
#include "domain/role.h"
#include "web/error_pages.h"

namespace fd::web {

Data PageData(const http::Request& request, const std::string& title) {
  Data d = Object();
  d.set("title", title);
  if (request.user) {
    Data user = Object();
    user.set("display_name", request.user->display_name);
    user.set("role_title", std::string(RoleTitle(RoleFromId(request.user->role).value_or(Role::kContactOfficer))));
    user.set("csrf_token", request.user->csrf_token);
    // The header's "Find a child" (/people/search), for the roles that may search the register.
    if (app::IsAllowed(RoleFromId(request.user->role).value_or(Role::kContactOfficer), app::Action::kViewRegister))
      user.set("can_search", true);
    d.set("user", user);
  }
  return d;
}

http::Response Page(const PageContext& pc, int status, const std::string& name, Data data) {
  return http::Response::Html(status, pc.templates.RenderPage(name, std::move(data)));
}

http::Response ErrorPage(const Error& error) {
  switch (error.code) {
    case ErrorCode::kForbidden: return MessagePage(403, "You cannot do this", error.message);
    case ErrorCode::kNotFound: return MessagePage(404, "Page not found", error.message);
    case ErrorCode::kConflict: return MessagePage(409, "This has changed", error.message);
    case ErrorCode::kTooMany: {
      auto page = MessagePage(429, "Too many requests", error.message);
      page.Header("Retry-After", std::to_string(error.retry_after.count()));
      return page;
    }
    default: return MessagePage(400, "Something is not right", error.message);
  }
}

std::multimap<std::string, std::string> FormFields(const http::Request& request) {
  return http::ParseUrlEncoded(request.body).value_or(std::multimap<std::string, std::string>{});
}

std::string FormValue(const std::multimap<std::string, std::string>& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

std::optional<std::int64_t> PathId(const http::Request& request) { return api::IdParam(request, "id"); }

}  // namespace fd::web
