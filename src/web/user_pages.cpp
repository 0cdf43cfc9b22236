#include "web/user_pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/account_changes.h"
#include "app/accounts.h"
#include "app/password_reset.h"
#include "app/permissions.h"
#include "app/throttled_addresses.h"
#include "app/user_directory.h"
#include "calendar/local_time.h"
#include "web/form_kit.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

// Role choices, the one `selected` marked; a value typed that is no role is kept as a choice of its
// own, so the form shows what was sent beside the message saying why not.
Data RoleOptions(const std::string& selected) {
  Data list = List();
  bool known = selected.empty();
  for (Role r : AllRoles()) {
    Data item = Object();
    item.set("value", std::string(RoleId(r)));
    item.set("label", std::string(RoleTitle(r)));
    item.set("selected", RoleId(r) == selected);
    if (RoleId(r) == selected) known = true;
    list.push_back(item);
  }
  if (!known) {
    Data item = Object();
    item.set("value", selected);
    item.set("label", selected);
    item.set("selected", true);
    list.push_back(item);
  }
  return list;
}

Data Options(const std::vector<Option>& options, const std::string& selected) {
  Data list = List();
  for (const auto& o : options) {
    Data item = Object();
    item.set("value", o.value);
    item.set("label", o.label);
    item.set("selected", o.value == selected);
    list.push_back(item);
  }
  return list;
}

std::string TeamNamesInWords(const std::vector<std::string>& teams) {
  if (teams.empty()) return "there are no teams yet";
  std::string out;
  for (const auto& t : teams) out += (out.empty() ? "" : ", ") + t;
  return out;
}

std::string When(const PageContext& pc, const std::optional<Instant>& at, const char* none) {
  return at ? calendar::FormatLocalForPeople(*at, pc.app.time_zone) : std::string(none);
}

http::Response ListPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  if (auto refused = api::QueryReader(request, api::UserListParams()).Refusal())
    return QueryRefusedPage(pc, request, "Users", *refused);
  const app::AccountFilter filter{request.QueryParam("role"), request.QueryParam("team"), request.QueryParam("status")};
  auto teams = app::TeamNames(pc.app, actor);
  if (!teams) return ErrorPage(teams.error());
  Data d = PageData(request, "Users");
  d.set("role_options", Options([] {
          std::vector<Option> roles;
          for (Role r : AllRoles()) roles.push_back({std::string(RoleId(r)), std::string(RoleTitle(r))});
          return roles;
        }(),
                                filter.role));
  std::vector<Option> team_options;
  for (const auto& t : *teams) team_options.push_back({t, t});
  d.set("team_options", Options(team_options, filter.team));
  d.set("status_options",
        Options({{"active", "Active"}, {"disabled", "Disabled"}, {"locked", "Locked out"}}, filter.status));
  auto accounts = app::ListAccounts(pc.app, actor, filter);
  std::vector<FieldError> errors;
  if (!accounts) {
    if (!accounts.error().IsInvalid()) return ErrorPage(accounts.error());
    errors = accounts.error().fields;
  }
  for (const char* field : {"role", "status"}) SetInput(d, field, "", ErrorFor(errors, field));
  SetErrorSummary(d, errors, [](const std::string& field) { return field; });
  Data rows = List();
  if (accounts) {
    for (const auto& a : *accounts) {
      Data row = Object();
      row.set("link", fmt::format("/users/{}", a.id));
      row.set("display_name", a.display_name);
      row.set("username", a.username);
      row.set("role_title", std::string(RoleTitle(a.role)));
      row.set("team", a.team.empty() ? std::string("No team") : a.team);
      row.set("active", a.active);
      row.set("locked", a.locked_until.has_value());
      row.set("last_signed_in", When(pc, a.last_signed_in, "Never"));
      rows.push_back(row);
    }
    d.set("caption", accounts->size() == 1 ? std::string("1 account") : fmt::format("{} accounts", accounts->size()));
    d.set("has_users", !accounts->empty());
  }
  d.set("users", rows);
  // An office locked out by its shared address is seen where the administrator looks first.
  if (auto throttled = app::ListThrottledAddresses(pc.app, actor); throttled && !throttled->empty())
    d.set("throttled_message", throttled->size() == 1 ? std::string("1 network address is refused sign-in now")
                                                      : fmt::format("{} network addresses are refused sign-in now",
                                                                    throttled->size()));
  return Page(pc, errors.empty() ? 200 : 422, "users_list", d);
}

// What a refused action sends back to the page: the field's message and what was typed.
struct Refused {
  std::vector<FieldError> errors;
  std::string role;  // as typed; "" shows the account's own
  std::string team;
  bool new_team = false;
  bool password_typed = false;  // the typed temporary password's form was sent: shown open (never the password)
};

http::Response ShowPage(PageContext& pc, http::Request& request, const Refused& refused = {}) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no user with that number"));
  const app::Actor actor = api::ActorOf(request);
  auto account = app::FindAccount(pc.app, actor, *id);
  if (!account) return ErrorPage(account.error());
  auto teams = app::TeamNames(pc.app, actor);
  if (!teams) return ErrorPage(teams.error());
  const auto& a = *account;
  Data d = PageData(request, a.display_name);
  d.set("id", std::to_string(a.id));
  d.set("display_name", a.display_name);
  d.set("username", a.username);
  d.set("active", a.active);
  d.set("locked", a.locked_until.has_value());
  d.set("locked_until", When(pc, a.locked_until, ""));
  d.set("browsers_link", fmt::format("/users/{}/browsers", a.id));
  // Their own is changed on /account/password, which asks for the current one (app/password_reset.h).
  d.set("own_account", a.id == actor.user_id);
  d.set("password_typed", refused.password_typed);
  // Not SetInput with what was typed: a password is never put back in a page.
  for (const char* field : {"password", "password_again"}) SetInput(d, field, "", ErrorFor(refused.errors, field));
  Data rows = List();
  auto row = [&rows](const std::string& key, const std::string& value) {
    Data r = Object();
    r.set("key", key);
    r.set("value", value);
    rows.push_back(r);
  };
  row("Username", a.username);
  row("Role", std::string(RoleTitle(a.role)));
  row("Team", a.team.empty() ? std::string("No team") : a.team);
  if (!a.agency.empty()) row("Partner agency", a.agency);
  row("E-mail", a.email.empty() ? std::string("None given") : a.email);
  row("Status", a.active ? "Active" : "Disabled");
  row("Must change their password",
      a.must_change_password ? std::string("Yes: an administrator set it, and they must choose their own when they "
                                           "next sign in")
                             : std::string("No"));
  row("Locked out", a.locked_until ? "Until " + When(pc, a.locked_until, "") : std::string("No"));
  row("Last signed in", When(pc, a.last_signed_in, "Never"));
  d.set("rows", rows);
  d.set("role_options", RoleOptions(refused.role.empty() ? std::string(RoleId(a.role)) : refused.role));
  SetInput(d, "role", "", ErrorFor(refused.errors, "role"));
  // What was typed in the team's box only when it is the team's form that was refused; any other
  // form's refusal shows their team as it is.
  const auto team_error = ErrorFor(refused.errors, "team");
  SetInput(d, "team", team_error ? refused.team : a.team, team_error);
  // Not SetInput: "active" is the account's state the page turns on.
  const auto active_error = ErrorFor(refused.errors, "active");
  d.set("active_error", active_error.has_value());
  d.set("active_error_message", active_error.value_or(""));
  d.set("new_team", refused.new_team);
  d.set("team_names", TeamNamesInWords(*teams));
  SetErrorSummary(d, refused.errors, [](const std::string& field) { return field; });
  const std::string done = request.QueryParam("done");
  static const std::map<std::string, std::string> kDone = {
      {"disabled", "The account is disabled: their sessions have ended, their API tokens are revoked and their "
                   "remembered browsers forgotten"},
      {"enabled", "The account is enabled"},
      {"unlocked", "Any lock-out is lifted and their failed sign-ins are forgotten"},
      {"role", "The role is changed and their sessions have ended"},
      {"team", "They are in their new team"},
      {"password", "The temporary password is set: give it to them by phone, not by e-mail. Their sessions have "
                   "ended, their remembered browsers are forgotten and any lock-out is lifted. They must choose "
                   "their own password when they next sign in"},
      {"created", "The account is added. Give them their first password yourself: it is not shown again. They "
                  "must choose their own when they first sign in"}};
  if (auto it = kDone.find(done); it != kDone.end() && refused.errors.empty()) {
    d.set("done", true);
    std::string message = it->second;
    // Only a count is shown: the link is the page's own, but anyone could type another.
    std::string released = request.QueryParam("released");
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (released.size() > 6 || !std::all_of(released.begin(), released.end(), digit)) released.clear();
    if (done == "disabled") {
      message += released.empty() || released == "0"
                     ? ". No screening was allocated to them"
                     : fmt::format(". {} screening{} allocated to them {} back in the team's queue, and their team's "
                                   "managers are told",
                                   released, released == "1" ? "" : "s", released == "1" ? "is" : "are");
    } else if ((done == "role" || done == "team") && !released.empty() && released != "0") {
      // A role that cannot screen, or another team, hands back what was allocated to them.
      message += fmt::format(". {} screening{} allocated to them {} back in the team's queue, and their team's "
                             "managers are told",
                             released, released == "1" ? "" : "s", released == "1" ? "is" : "are");
    }
    d.set("done_message", message);
  }
  return Page(pc, refused.errors.empty() ? 200 : 422, "user_show", d);
}

// Runs `change` on the account {id} names, then shows it again: with "?done=`done`", or with the
// change's field errors and what was typed.
template <typename Change>
http::Response Act(PageContext& pc, http::Request& request, const std::string& done, Refused typed, Change change) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no user with that number"));
  auto account = app::FindAccount(pc.app, api::ActorOf(request), *id);
  if (!account) return ErrorPage(account.error());
  auto result = change(account->username);
  if (!result) {
    if (!result.error().IsInvalid()) return ErrorPage(result.error());
    typed.errors = result.error().fields;
    if (typed.errors.empty()) typed.errors.push_back({"active", result.error().message});
    return ShowPage(pc, request, typed);
  }
  return http::Response::Redirect(fmt::format("/users/{}?done={}", *id, done));
}

http::Response SetActive(PageContext& pc, http::Request& request, bool active) {
  // Act reads `done` after the change, so the banner can say how much of a leaver's work was released.
  std::string done = active ? "enabled" : "disabled";
  return Act(pc, request, done, {}, [&](const std::string& username) {
    auto changed = app::SetAccountActive(pc.app, api::ActorOf(request), username, active);
    if (changed && !active) done += fmt::format("&released={}", changed->work.screenings_released.size());
    return changed;
  });
}

http::Response Unlock(PageContext& pc, http::Request& request) {
  return Act(pc, request, "unlocked", {}, [&](const std::string& username) {
    return app::UnlockAccount(pc.app, api::ActorOf(request), username);
  });
}

http::Response SetRole(PageContext& pc, http::Request& request) {
  const std::string role = FormValue(FormFields(request), "role");
  std::string done = "role";
  return Act(pc, request, done, Refused{{}, role, "", false}, [&](const std::string& username) {
    auto changed = app::ChangeRole(pc.app, api::ActorOf(request), username, role);
    if (changed) done += fmt::format("&released={}", changed->work.screenings_released.size());
    return changed;
  });
}

http::Response SetTeam(PageContext& pc, http::Request& request) {
  const Fields fields = FormFields(request);
  const std::string team = FormValue(fields, "team");
  const bool new_team = FormValue(fields, "new_team") == "yes";
  std::string done = "team";
  return Act(pc, request, done, Refused{{}, "", team, new_team},
             [&](const std::string& username) -> Result<app::LeaversWork> {
               // An empty name would take them out of every team: not what a move is.
               if (team.find_first_not_of(" \t\r\n") == std::string::npos)
                 return std::unexpected(Error::InvalidField("team", "Enter the team's name"));
               auto moved =
                   app::MoveToTeam(pc.app, api::ActorOf(request), username, team, new_team, app::kNewTeamCheckbox);
               if (moved) done += fmt::format("&released={}", moved->screenings_released.size());
               return moved;
             });
}

// What a generated temporary password's answer says was done, in words.
std::string Counted(std::int64_t n, const char* one, const char* many) {
  return n == 1 ? fmt::format("1 {}", one) : fmt::format("{} {}", n, many);
}

// "Make a temporary password" (how=generate) or the typed one's form. A typed one goes back to the
// account's page with a banner; one frontdoor made is shown on this answer alone (no-store, like
// every answer), since it is kept nowhere to be shown again.
http::Response ResetPasswordPage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no user with that number"));
  const app::Actor actor = api::ActorOf(request);
  const Fields fields = FormFields(request);
  const bool generate = FormValue(fields, "how") == "generate";
  const std::string password = generate ? std::string() : FormValue(fields, "password");
  Refused typed;
  typed.password_typed = !generate;
  // Typed twice, as on /users/new: a slip of the finger would be read out to them as the password.
  if (!generate && !password.empty() && !app::CheckPassword(password) && actor.user_id != *id &&
      FormValue(fields, "password_again") != password) {
    typed.errors.push_back({"password_again", "The two passwords are not the same"});
    return ShowPage(pc, request, typed);
  }
  auto reset = app::ResetPassword(pc.app, actor, *id, password, generate);
  if (!reset) {
    if (!reset.error().IsInvalid()) return ErrorPage(reset.error());
    typed.errors = reset.error().fields;
    return ShowPage(pc, request, typed);
  }
  if (reset->temporary_password.empty())
    return http::Response::Redirect(fmt::format("/users/{}?done=password", *id));
  auto account = app::FindAccount(pc.app, actor, *id);
  if (!account) return ErrorPage(account.error());
  Data d = PageData(request, "Temporary password for " + account->display_name);
  d.set("id", std::to_string(account->id));
  d.set("display_name", account->display_name);
  d.set("username", account->username);
  d.set("temporary_password", reset->temporary_password);
  d.set("sessions_ended", Counted(reset->done.sessions_ended, "session of theirs has ended",
                                  "sessions of theirs have ended"));
  d.set("browsers_forgotten", Counted(reset->done.browsers_forgotten, "remembered browser is forgotten",
                                      "remembered browsers are forgotten"));
  d.set("lock_lifted", reset->done.lock_lifted);
  return Page(pc, 200, "user_password_reset", d);
}

// The new account's form, with `errors` beside their fields and what was typed (never the passwords).
http::Response NewPage(PageContext& pc, http::Request& request, const Fields& fields,
                       const std::vector<FieldError>& errors) {
  auto teams = app::TeamNames(pc.app, api::ActorOf(request));
  if (!teams) return ErrorPage(teams.error());
  Data d = PageData(request, "Add an account");
  for (const char* field : {"display_name", "username", "email", "team", "agency"})
    SetInput(d, field, FormValue(fields, field), ErrorFor(errors, field));
  for (const char* field : {"password", "password_again", "role"}) SetInput(d, field, "", ErrorFor(errors, field));
  d.set("role_options", RoleOptions(FormValue(fields, "role")));
  d.set("new_team", FormValue(fields, "new_team") == "yes");
  d.set("team_names", TeamNamesInWords(*teams));
  SetErrorSummary(d, errors, [](const std::string& field) { return field; });
  return Page(pc, errors.empty() ? 200 : 422, "user_new", d);
}

http::Response Create(PageContext& pc, http::Request& request) {
  const Fields fields = FormFields(request);
  const std::string role = FormValue(fields, "role");
  const std::string password = FormValue(fields, "password");
  const bool new_team = FormValue(fields, "new_team") == "yes";
  auto parsed = RoleFromId(role);
  app::NewUser user{FormValue(fields, "username"), FormValue(fields, "display_name"), FormValue(fields, "email"),
                    parsed.value_or(Role::kContactOfficer), FormValue(fields, "team"), password,
                    FormValue(fields, "agency")};
  if (!app::IsAllowed(api::ActorOf(request).role, app::Action::kManageUsers))
    return ErrorPage(Error::Forbidden("Only an administrator can create accounts"));
  // Every field's error at once, as the API answers: the form's own (the role, the password typed
  // twice) beside the account's.
  std::vector<FieldError> errors;
  if (role.empty()) errors.push_back({"role", "Choose a role"});
  else if (!parsed) errors.push_back({"role", app::UnknownRoleMessage(role)});
  for (auto& e : app::NewUserInTeamErrors(pc.app, user, new_team, app::kNewTeamCheckbox))
    // Without a role, whether an agency belongs is not known yet.
    if (parsed || e.field != "agency") errors.push_back(std::move(e));
  const bool password_error =
      std::any_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "password"; });
  if (!password_error && FormValue(fields, "password_again") != password)
    errors.push_back({"password_again", "The two passwords are not the same"});
  // In the form's order, so the summary reads down the page.
  static const std::vector<std::string> kOrder = {"display_name", "username", "email",          "role",
                                                  "team",         "agency",   "password", "password_again"};
  auto rank = [](const FieldError& e) { return std::find(kOrder.begin(), kOrder.end(), e.field) - kOrder.begin(); };
  std::stable_sort(errors.begin(), errors.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  if (!errors.empty()) return NewPage(pc, request, fields, errors);
  auto id = app::CreateUserInTeam(pc.app, api::ActorOf(request), user, new_team, app::kNewTeamCheckbox);
  if (!id) {
    if (!id.error().IsInvalid()) return ErrorPage(id.error());
    return NewPage(pc, request, fields, id.error().fields);
  }
  return http::Response::Redirect(fmt::format("/users/{}?done=created", *id));
}

http::Response ThrottledPage(PageContext& pc, http::Request& request, const Fields& fields = {},
                             const std::vector<FieldError>& errors = {}) {
  auto addresses = app::ListThrottledAddresses(pc.app, api::ActorOf(request));
  if (!addresses) return ErrorPage(addresses.error());
  Data d = PageData(request, "Networks refused sign-in");
  d.set("limit", std::to_string(app::kAddressFailureLimit));
  d.set("window", std::to_string(app::kFailureWindow.count()));
  Data rows = List();
  for (const auto& a : *addresses) {
    Data row = Object();
    row.set("address", a.address);
    row.set("failures", std::to_string(a.failures));
    row.set("until", calendar::FormatLocalForPeople(a.until, pc.app.time_zone));
    rows.push_back(row);
  }
  d.set("addresses", rows);
  d.set("has_addresses", !addresses->empty());
  d.set("caption", addresses->size() == 1 ? std::string("1 address") : fmt::format("{} addresses", addresses->size()));
  for (const char* field : {"address", "reason"}) SetInput(d, field, FormValue(fields, field), ErrorFor(errors, field));
  SetErrorSummary(d, errors, [](const std::string& field) { return field; });
  if (const std::string lifted = request.QueryParam("lifted"); !lifted.empty() && errors.empty()) {
    d.set("done", true);
    d.set("done_message", fmt::format("{} may sign in again", lifted));
  }
  return Page(pc, errors.empty() ? 200 : 422, "throttled_addresses", d);
}

http::Response LiftThrottle(PageContext& pc, http::Request& request) {
  const Fields fields = FormFields(request);
  const std::string address = FormValue(fields, "address");
  auto lifted = app::LiftAddressThrottle(pc.app, api::ActorOf(request), address, FormValue(fields, "reason"));
  if (!lifted) {
    if (lifted.error().IsInvalid()) return ThrottledPage(pc, request, fields, lifted.error().fields);
    // Not refused (any more): said beside the address, as the form's answer.
    if (lifted.error().IsNotFound())
      return ThrottledPage(pc, request, fields, {{"address", lifted.error().message}});
    return ErrorPage(lifted.error());
  }
  return http::Response::Redirect("/throttled-addresses?lifted=" + http::PercentEncode(address));
}

}  // namespace

void AddUsersLink(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kManageUsers)) d.set("users_link", "/users");
}

void RegisterUserPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/users", Access::kSignedIn, [pc](http::Request& r) { return ListPage(*pc, r); });
  router.Add("GET", "/users/new", Access::kSignedIn, [pc](http::Request& r) { return NewPage(*pc, r, {}, {}); });
  router.Add("POST", "/users", Access::kSignedIn, [pc](http::Request& r) { return Create(*pc, r); });
  router.Add("GET", "/users/{id}", Access::kSignedIn, [pc](http::Request& r) { return ShowPage(*pc, r); });
  router.Add("POST", "/users/{id}/disable", Access::kSignedIn,
             [pc](http::Request& r) { return SetActive(*pc, r, false); });
  router.Add("POST", "/users/{id}/enable", Access::kSignedIn,
             [pc](http::Request& r) { return SetActive(*pc, r, true); });
  router.Add("POST", "/users/{id}/unlock", Access::kSignedIn, [pc](http::Request& r) { return Unlock(*pc, r); });
  router.Add("POST", "/users/{id}/role", Access::kSignedIn, [pc](http::Request& r) { return SetRole(*pc, r); });
  router.Add("POST", "/users/{id}/team", Access::kSignedIn, [pc](http::Request& r) { return SetTeam(*pc, r); });
  router.Add("POST", "/users/{id}/password", Access::kSignedIn,
             [pc](http::Request& r) { return ResetPasswordPage(*pc, r); });
  router.Add("GET", "/throttled-addresses", Access::kSignedIn, [pc](http::Request& r) { return ThrottledPage(*pc, r); });
  router.Add("POST", "/throttled-addresses/lift", Access::kSignedIn,
             [pc](http::Request& r) { return LiftThrottle(*pc, r); });
}

}  // namespace fd::web
