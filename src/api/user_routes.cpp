#include "api/user_routes.h"

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/account_changes.h"
#include "app/accounts.h"
#include "app/password_reset.h"
#include "app/throttled_addresses.h"
#include "calendar/local_time.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json OptionalTime(const std::optional<Instant>& at, const std::string& time_zone) {
  return at ? json(calendar::FormatLocalIso(*at, time_zone)) : json(nullptr);
}

std::string Text(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Flag(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_boolean() && it->get<bool>();
}

// The account {id} names, read as the administrator (kForbidden for anyone else).
Result<app::AccountSummary> AccountOf(app::AppContext& ctx, const http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return std::unexpected(Error::NotFound("There is no user with that number"));
  return app::FindAccount(ctx, ActorOf(request), *id);
}

http::Response Show(app::AppContext& ctx, const app::AccountSummary& account, int status = 200) {
  return http::Response::Json(status, AccountJson(account, ctx.time_zone).dump());
}

http::Response Reread(app::AppContext& ctx, const http::Request& request, int status = 200) {
  auto account = AccountOf(ctx, request);
  if (!account) return http::ProblemFrom(account.error());
  return Show(ctx, *account, status);
}

http::Response ListApi(app::AppContext& ctx, http::Request& request) {
  if (auto refused = QueryReader(request, UserListParams()).Refusal()) return http::ProblemFrom(*refused);
  auto accounts = app::ListAccounts(
      ctx, ActorOf(request), {request.QueryParam("role"), request.QueryParam("team"), request.QueryParam("status")});
  if (!accounts) return http::ProblemFrom(accounts.error());
  json items = json::array();
  for (const auto& a : *accounts) items.push_back(AccountJson(a, ctx.time_zone));
  return http::Response::Json(200, json{{"users", items}}.dump());
}

http::Response ShowApi(app::AppContext& ctx, http::Request& request) { return Reread(ctx, request); }

http::Response CreateApi(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  const std::string role = Text(*body, "role");
  auto parsed = RoleFromId(role);
  if (!parsed) return http::ProblemFrom(Error::InvalidField("role", app::UnknownRoleMessage(role)));
  app::NewUser user{Text(*body, "username"), Text(*body, "display_name"), Text(*body, "email"), *parsed,
                    Text(*body, "team"),     Text(*body, "password"),     Text(*body, "agency")};
  auto id = app::CreateUserInTeam(ctx, ActorOf(request), user, Flag(*body, "new_team"), app::kNewTeamField);
  if (!id) return http::ProblemFrom(id.error());
  auto account = app::FindAccount(ctx, ActorOf(request), *id);
  if (!account) return http::ProblemFrom(account.error());
  auto response = Show(ctx, *account, 201);
  response.Header("Location", fmt::format("/api/v1/users/{}", *id));
  return response;
}

// The work a disabled, moved or re-roled user handed over (app/leaver_work.h), as each reply says it.
json WorkJson(const app::LeaversWork& work) {
  return {{"screenings_released", work.screenings_released.size()},
          {"screenings_released_references", work.screenings_released},
          {"referrer_calls_owed", work.referrer_calls},
          {"chair_consultations_to_reallocate", work.chair_consultations}};
}

http::Response SetActiveApi(app::AppContext& ctx, http::Request& request, bool active) {
  auto account = AccountOf(ctx, request);
  if (!account) return http::ProblemFrom(account.error());
  auto changed = app::SetAccountActive(ctx, ActorOf(request), account->username, active);
  if (!changed) return http::ProblemFrom(changed.error());
  auto reply = AccountOf(ctx, request);
  if (!reply) return http::ProblemFrom(reply.error());
  json out = AccountJson(*reply, ctx.time_zone);
  if (!active) {
    out["disabled"] = {{"sessions_ended", changed->sessions_ended},
                       {"tokens_revoked", changed->tokens_revoked},
                       {"browsers_forgotten", changed->browsers_forgotten}};
    out["disabled"].update(WorkJson(changed->work));
  }
  return http::Response::Json(200, out.dump());
}

http::Response UnlockApi(app::AppContext& ctx, http::Request& request) {
  auto account = AccountOf(ctx, request);
  if (!account) return http::ProblemFrom(account.error());
  auto unlocked = app::UnlockAccount(ctx, ActorOf(request), account->username);
  if (!unlocked) return http::ProblemFrom(unlocked.error());
  auto reply = AccountOf(ctx, request);
  if (!reply) return http::ProblemFrom(reply.error());
  json out = AccountJson(*reply, ctx.time_zone);
  out["unlocked"] = {{"username_was_locked", unlocked->username_was_locked},
                     {"browsers_unlocked", unlocked->browsers_unlocked}};
  return http::Response::Json(200, out.dump());
}

http::Response RoleApi(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  auto account = AccountOf(ctx, request);
  if (!account) return http::ProblemFrom(account.error());
  auto changed = app::ChangeRole(ctx, ActorOf(request), account->username, Text(*body, "role"));
  if (!changed) return http::ProblemFrom(changed.error());
  auto reply = AccountOf(ctx, request);
  if (!reply) return http::ProblemFrom(reply.error());
  json out = AccountJson(*reply, ctx.time_zone);
  out["role_changed"] = {{"sessions_ended", changed->sessions_ended}};
  out["role_changed"].update(WorkJson(changed->work));
  return http::Response::Json(200, out.dump());
}

http::Response TeamApi(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  auto account = AccountOf(ctx, request);
  if (!account) return http::ProblemFrom(account.error());
  const std::string team = Text(*body, "team");
  // An empty name would take them out of every team: not what a move is.
  if (team.find_first_not_of(" \t\r\n") == std::string::npos)
    return http::ProblemFrom(Error::InvalidField("team", "Enter the team's name"));
  auto moved = app::MoveToTeam(ctx, ActorOf(request), account->username, team, Flag(*body, "new_team"),
                                 app::kNewTeamField);
  if (!moved) return http::ProblemFrom(moved.error());
  auto reply = AccountOf(ctx, request);
  if (!reply) return http::ProblemFrom(reply.error());
  json out = AccountJson(*reply, ctx.time_zone);
  out["team_changed"] = WorkJson(*moved);
  return http::Response::Json(200, out.dump());
}

// {"password": "…"} sets the one typed; {"generate": true} has frontdoor make one, in the answer this
// once (every answer is Cache-Control: no-store). A typed one is never echoed back.
http::Response ResetPasswordApi(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  const auto id = IdParam(request);
  if (!id) return http::ProblemFrom(Error::NotFound("There is no user with that number"));
  const std::string password = Text(*body, "password");
  const bool generate = Flag(*body, "generate");
  // Neither, or both; one's own account is refused first by ResetPassword, whatever the body.
  if (password.empty() == !generate && *id != ActorOf(request).user_id)
    return http::ProblemFrom(Error::InvalidField(
        "password", "Give the temporary password in \"password\", or send \"generate\": true (and no "
                    "\"password\") for frontdoor to make one"));
  auto reset = app::ResetPassword(ctx, ActorOf(request), *id, password, generate);
  if (!reset) return http::ProblemFrom(reset.error());
  auto reply = AccountOf(ctx, request);
  if (!reply) return http::ProblemFrom(reply.error());
  json out = AccountJson(*reply, ctx.time_zone);
  out["password_reset"] = {{"generated", !reset->temporary_password.empty()},
                           {"sessions_ended", reset->done.sessions_ended},
                           {"browsers_forgotten", reset->done.browsers_forgotten},
                           {"lock_lifted", reset->done.lock_lifted}};
  if (!reset->temporary_password.empty()) out["password_reset"]["temporary_password"] = reset->temporary_password;
  return http::Response::Json(200, out.dump());
}

json ThrottledJson(const app::ThrottledAddress& a, const std::string& time_zone) {
  return {{"address", a.address}, {"failures", a.failures}, {"until", calendar::FormatLocalIso(a.until, time_zone)}};
}

http::Response ThrottledApi(app::AppContext& ctx, http::Request& request) {
  auto addresses = app::ListThrottledAddresses(ctx, ActorOf(request));
  if (!addresses) return http::ProblemFrom(addresses.error());
  json items = json::array();
  for (const auto& a : *addresses) items.push_back(ThrottledJson(a, ctx.time_zone));
  return http::Response::Json(200, json{{"addresses", items}}.dump());
}

http::Response LiftThrottleApi(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  const std::string address = Text(*body, "address");
  auto lifted = app::LiftAddressThrottle(ctx, ActorOf(request), address, Text(*body, "reason"));
  if (!lifted) return http::ProblemFrom(lifted.error());
  return http::Response::Json(200, json{{"address", address}, {"lifted", true}, {"failures_forgotten", *lifted}}.dump());
}

}  // namespace

json AccountJson(const app::AccountSummary& a, const std::string& time_zone) {
  return {{"id", a.id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"email", a.email},
          {"role", std::string(RoleId(a.role))},
          {"role_title", std::string(RoleTitle(a.role))},
          {"team", a.team.empty() ? json(nullptr) : json(a.team)},
          {"agency", a.agency.empty() ? json(nullptr) : json(a.agency)},
          {"status", a.active ? "active" : "disabled"},
          {"must_change_password", a.must_change_password},
          {"locked", a.locked_until.has_value()},
          {"locked_until", OptionalTime(a.locked_until, time_zone)},
          {"last_signed_in_at", OptionalTime(a.last_signed_in, time_zone)},
          {"links",
           {{"self", fmt::format("/api/v1/users/{}", a.id)},
            {"devices", fmt::format("/api/v1/users/{}/devices", a.id)}}}};
}

void RegisterUserApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/users", Access::kSignedIn, [&ctx](http::Request& r) { return ListApi(ctx, r); });
  router.Add("POST", "/api/v1/users", Access::kSignedIn, [&ctx](http::Request& r) { return CreateApi(ctx, r); });
  router.Add("GET", "/api/v1/users/{id}", Access::kSignedIn, [&ctx](http::Request& r) { return ShowApi(ctx, r); });
  router.Add("POST", "/api/v1/users/{id}/disable", Access::kSignedIn,
             [&ctx](http::Request& r) { return SetActiveApi(ctx, r, false); });
  router.Add("POST", "/api/v1/users/{id}/enable", Access::kSignedIn,
             [&ctx](http::Request& r) { return SetActiveApi(ctx, r, true); });
  router.Add("POST", "/api/v1/users/{id}/unlock", Access::kSignedIn,
             [&ctx](http::Request& r) { return UnlockApi(ctx, r); });
  router.Add("POST", "/api/v1/users/{id}/role", Access::kSignedIn,
             [&ctx](http::Request& r) { return RoleApi(ctx, r); });
  router.Add("POST", "/api/v1/users/{id}/team", Access::kSignedIn,
             [&ctx](http::Request& r) { return TeamApi(ctx, r); });
  router.Add("POST", "/api/v1/users/{id}/password", Access::kSignedIn,
             [&ctx](http::Request& r) { return ResetPasswordApi(ctx, r); });
  router.Add("GET", "/api/v1/throttled-addresses", Access::kSignedIn,
             [&ctx](http::Request& r) { return ThrottledApi(ctx, r); });
  router.Add("POST", "/api/v1/throttled-addresses/lift", Access::kSignedIn,
             [&ctx](http::Request& r) { return LiftThrottleApi(ctx, r); });
}

}  // namespace fd::api
