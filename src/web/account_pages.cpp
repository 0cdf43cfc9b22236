#include "web/account_pages.h"

#include "api/session_guard.h"
#include "app/account_changes.h"
#include "app/accounts.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

// The form, with `errors` beside their fields; passwords are never put back in the boxes.
http::Response PasswordForm(const PageContext& pc, const http::Request& request,
                            const std::vector<FieldError>& errors) {
  Data d = PageData(request, "Change your password");
  // Sent here by every other page (api/session_guard.h) until they choose their own.
  d.set("must_change_password", request.user->must_change_password);
  d.set("must_change_password_message", std::string(api::kPasswordChangeRequiredMessage));
  for (const char* field : {"current_password", "new_password", "new_password_again"})
    SetInput(d, field, "", ErrorFor(errors, field));
  SetErrorSummary(d, errors, [](const std::string& field) { return field; });
  return Page(pc, errors.empty() ? 200 : 422, "account_password", d);
}

http::Response ChangePassword(PageContext& pc, http::Request& request) {
  const auto fields = FormFields(request);
  const std::string current = FormValue(fields, "current_password");
  const std::string replacement = FormValue(fields, "new_password");
  std::vector<FieldError> errors;
  if (current.empty()) errors.push_back({"current_password", "Enter your current password"});
  if (replacement.empty())
    errors.push_back({"new_password", "Enter a new password"});
  else if (FormValue(fields, "new_password_again") != replacement)
    errors.push_back({"new_password_again", "The two new passwords are not the same"});
  if (!errors.empty()) return PasswordForm(pc, request, errors);
  auto changed = app::ChangeOwnPassword(
      pc.app, api::ActorOf(request),
      {current, replacement, request.Cookie(api::kSessionCookie).value_or(""), request.remote_address,
       api::OfferedDeviceCookie(request, api::ActorOf(request).username, false)});
  if (!changed) {
    if (changed.error().code != ErrorCode::kInvalid) return http::Response::Redirect("/sign-in");
    return PasswordForm(pc, request, changed.error().fields);
  }
  Data d = PageData(request, "Password changed");
  d.set("changed", true);
  return Page(pc, 200, "account_password", d);
}

}  // namespace

void RegisterAccountPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/account/password", Access::kSignedIn,
             [pc](http::Request& r) { return PasswordForm(*pc, r, {}); });
  router.Add("POST", "/account/password", Access::kSignedIn,
             [pc](http::Request& r) { return ChangePassword(*pc, r); });
}

}  // namespace fd::web
