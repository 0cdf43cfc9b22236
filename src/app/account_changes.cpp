#include "app/account_changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "app/api_tokens.h"
#include "app/permissions.h"
#include "app/remembered_browsers.h"
#include "audit/audit_log.h"
#include "domain/text.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

bool SameIgnoringCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<Error> OnlyAdministrator(const std::optional<Actor>& by, std::string_view what) {
  if (by && by->role != Role::kAdministrator)
    return Error::Forbidden(fmt::format("Only an administrator can {}", what));
  return std::nullopt;
}

audit::AuditEvent ChangeEvent(const std::optional<Actor>& by, Instant now, std::string action,
                              const store::UserRecord& user, nlohmann::json detail) {
  detail["username"] = user.username;
  return {now,
          by ? std::optional(by->user_id) : std::nullopt,
          by ? by->username : "system",
          std::move(action),
          "user",
          std::to_string(user.id),
          std::move(detail)};
}

// The team `name` (trimmed, not empty) means among `teams`: its id, or nullopt for a new team (only
// when `may_create`); refused when it differs from a team only in letter case, or is unknown.
Result<std::optional<std::int64_t>> MatchTeam(const std::vector<store::TeamRecord>& teams,
                                              const std::string& name, bool may_create,
                                              std::string_view new_team_words) {
  for (const auto& t : teams)
    if (t.name == name) return std::optional(t.id);
  // "Front door" beside "Front Door" would be a second team no manager has.
  for (const auto& t : teams)
    if (SameIgnoringCase(t.name, name))
      return std::unexpected(Error::InvalidField(
          "team", fmt::format("There is no team called \"{}\": did you mean {}?", name, t.name)));
  if (may_create) return std::optional<std::int64_t>{};
  std::string names;
  for (const auto& t : teams) names += (names.empty() ? "" : ", ") + t.name;
  return std::unexpected(Error::InvalidField(
      "team", teams.empty()
                  ? fmt::format("There is no team called \"{}\" and no teams yet: say it is a new team "
                                "({}) to create it",
                                name, new_team_words)
                  : fmt::format("There is no team called \"{}\". The teams are: {}. Say it is a new team "
                                "({}) to create a new one",
                                name, names, new_team_words)));
}

// Whether `user` is an active administrator and no other is: disabling them or taking away their
// role would leave the council with none, and nobody to enable anyone again but the server's console.
// Read in the write transaction that makes the change: writers are serialised on both stores
// (store/store.h kWrite), so two administrators disabling each other at once cannot both pass.
bool IsLastAdministrator(store::Transaction& tx, const store::UserRecord& user) {
  return user.active && user.role == RoleId(Role::kAdministrator) &&
         store::CountOtherActiveAdministrators(tx, user.id) == 0;
}

// "an analyst", "a social worker": the role's title after "is now".
std::string WithArticle(std::string_view title) {
  std::string lower(title);
  if (!lower.empty()) lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  const bool vowel = !lower.empty() && std::string_view("aeiou").find(lower[0]) != std::string_view::npos;
  return std::string(vowel ? "an " : "a ") + lower;
}

}  // namespace

Result<std::optional<std::int64_t>> ResolveTeam(store::Transaction& tx, const std::string& typed,
                                                bool may_create, std::string_view new_team_words) {
  const std::string name = Trim(typed);
  if (name.empty()) return std::optional<std::int64_t>{};
  auto match = MatchTeam(store::ListTeams(tx), name, may_create, new_team_words);
  if (!match) return std::unexpected(match.error());
  if (*match) return *match;
  return std::optional(store::EnsureTeam(tx, name));
}

std::vector<FieldError> NewUserInTeamErrors(AppContext& ctx, const NewUser& user, bool may_create_team,
                                            std::string_view new_team_words) {
  std::vector<FieldError> errors = NewUserErrors(ctx, user);
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  const bool username_error =
      std::any_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "username"; });
  if (!username_error && store::UsernameTakenIgnoringCase(*tx, user.username))
    errors.push_back({"username", "That username is already taken"});
  // Only checked here: CreateUser makes the team when it is new, which after this is only with
  // may_create_team.
  if (const std::string team = Trim(user.team); !team.empty())
    if (auto match = MatchTeam(store::ListTeams(*tx), team, may_create_team, new_team_words); !match)
      for (const auto& e : match.error().fields) errors.push_back(e);
  return errors;
}

Result<std::int64_t> CreateUserInTeam(AppContext& ctx, const std::optional<Actor>& by, const NewUser& user,
                                      bool may_create_team, std::string_view new_team_words) {
  if (by && by->role != Role::kAdministrator)
    return std::unexpected(Error::Forbidden("Only an administrator can create accounts"));
  // Every field's error at once, the team's among them, as one answer.
  if (auto errors = NewUserInTeamErrors(ctx, user, may_create_team, new_team_words); !errors.empty())
    return std::unexpected(errors.size() == 1 ? Error::InvalidField(errors[0].field, errors[0].message)
                                              : Error::Invalid(std::move(errors)));
  NewUser checked = user;
  checked.team = Trim(user.team);
  return CreateUser(ctx, by, checked);
}

std::string UnknownRoleMessage(const std::string& typed) {
  std::string ids;
  for (Role r : AllRoles()) ids += (ids.empty() ? "" : ", ") + std::string(RoleId(r));
  return fmt::format("There is no role called '{}': the roles are {}", typed, ids);
}

Result<AccountActiveChange> SetAccountActive(AppContext& ctx, const std::optional<Actor>& by,
                                             const std::string& username, bool active) {
  if (auto refused = OnlyAdministrator(by, active ? "enable accounts" : "disable accounts"))
    return std::unexpected(*refused);
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserByUsername(*tx, username);
  if (!user) return std::unexpected(Error::NotFound("There is no account with that username"));
  // An administrator who disabled themselves could be the council's last: nobody would be left to
  // enable anyone without the server's console.
  if (!active && by && by->user_id == user->id)
    return std::unexpected(Error::InvalidField(
        "active", "You cannot disable your own account: ask another administrator to do it"));
  if (!active && IsLastAdministrator(*tx, *user))
    return std::unexpected(Error::InvalidField(
        "active", "This is the only active administrator's account: make another administrator first, so the "
                  "council always has one"));
  store::SetUserActive(*tx, user->id, active);
  AccountActiveChange change;
  if (active) {
    audit::Append(*tx, ChangeEvent(by, now, "user.enabled", *user, {{"was_active", user->active}}));
  } else {
    // A leaver's open sessions end now, not when they next time out; their tokens end for good, as
    // a token left in a script or on a laptop must not work again if the account is enabled.
    change.sessions_ended = store::DeleteSessionsForUser(*tx, user->id);
    change.tokens_revoked = RevokeTokensOfUser(*tx, by, user->id, now, "user.disabled");
    // And their browsers are forgotten: a laptop that leaves with them keeps no exemption from the
    // lock-out, now or if the account is enabled again.
    change.browsers_forgotten = ForgetBrowsersOfUser(*tx, by, *user, kForgottenAccountDisabled, now);
    // Their work does not wait for them: a screening allocated to them goes back to the queue.
    change.work = HandOverLeaversWork(*tx, by, *user, now);
    audit::Append(*tx, ChangeEvent(by, now, "user.disabled", *user,
                                   {{"was_active", user->active},
                                    {"sessions_ended", change.sessions_ended},
                                    {"tokens_revoked", change.tokens_revoked},
                                    {"browsers_forgotten", change.browsers_forgotten},
                                    {"screenings_released", change.work.screenings_released.size()}}));
  }
  tx->Commit();
  return change;
}

Result<LeaversWork> MoveToTeam(AppContext& ctx, const std::optional<Actor>& by, const std::string& username,
                        const std::string& team, bool may_create, std::string_view new_team_words) {
  if (auto refused = OnlyAdministrator(by, "move users between teams")) return std::unexpected(*refused);
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserByUsername(*tx, username);
  if (!user) return std::unexpected(Error::NotFound("There is no account with that username"));
  auto team_id = ResolveTeam(*tx, team, may_create, new_team_words);
  if (!team_id) return std::unexpected(team_id.error());
  store::SetUserTeam(*tx, user->id, *team_id);
  auto moved = store::FindUserById(*tx, user->id);
  const std::string to = moved ? moved->team_name : "";
  LeaversWork work;
  if (*team_id != user->team_id) {
    // Their old team's contacts wait for them no longer: a manager allocates only within a team.
    HandOver how;
    how.reason = "worker_moved_team";
    how.what_happened = to.empty() ? fmt::format("{} is in no team now.", user->display_name)
                                   : fmt::format("{} moved to {}.", user->display_name, to);
    how.may_screen = true;
    how.team_id = *team_id;
    how.may_call_referrers = true;  // the call is on the contact's page, for them or any of its team
    how.may_record_chair_consultations = true;
    work = HandOverWork(*tx, by, *user, how, now);
  }
  audit::Append(*tx, ChangeEvent(by, now, "user.team_changed", *user,
                                 {{"from", user->team_name},
                                  {"to", to},
                                  {"screenings_released", work.screenings_released.size()}}));
  tx->Commit();
  return work;
}

Result<RoleChange> ChangeRole(AppContext& ctx, const std::optional<Actor>& by, const std::string& username,
                        const std::string& role) {
  if (auto refused = OnlyAdministrator(by, "change a user's role")) return std::unexpected(*refused);
  auto parsed = RoleFromId(role);
  if (!parsed) return std::unexpected(Error::InvalidField("role", UnknownRoleMessage(role)));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserByUsername(*tx, username);
  if (!user) return std::unexpected(Error::NotFound("There is no account with that username"));
  // As with disabling: an administrator does not take away their own role, so one always remains.
  if (by && by->user_id == user->id && user->role == RoleId(Role::kAdministrator) && *parsed != Role::kAdministrator)
    return std::unexpected(Error::InvalidField(
        "role", "You cannot take away your own administrator role: ask another administrator to do it"));
  if (*parsed != Role::kAdministrator && IsLastAdministrator(*tx, *user))
    return std::unexpected(Error::InvalidField(
        "role", "This is the only active administrator: make another administrator first, so the council always "
                "has one"));
  const bool was_partner = user->role == RoleId(Role::kPartner);
  if (was_partner != (*parsed == Role::kPartner))
    return std::unexpected(Error::InvalidField(
        "role",
        "A partner agency user's account belongs to their agency and a staff account to the council: "
        "disable this account and add a new one"));
  store::SetUserRole(*tx, user->id, std::string(RoleId(*parsed)));
  RoleChange change;
  // Pages and API calls already open were allowed as the old role: they end.
  change.sessions_ended = user->role == RoleId(*parsed) ? 0 : store::DeleteSessionsForUser(*tx, user->id);
  if (user->role != RoleId(*parsed)) {
    // What the new role may not do waits for them no longer (a contact allocated to an analyst
    // would be refused to every other worker).
    HandOver how;
    how.reason = "worker_role_changed";
    how.what_happened = fmt::format("{} is now {} and can no longer do this work.", user->display_name,
                                    WithArticle(RoleTitle(*parsed)));
    how.may_screen = IsAllowed(*parsed, Action::kScreenContact);
    how.may_call_referrers = how.may_screen;  // recording the call is a screener's (app/referrer_callbacks.h)
    how.may_record_chair_consultations = IsAllowed(*parsed, Action::kRecordChairConsultation);
    change.work = HandOverWork(*tx, by, *user, how, now);
  }
  audit::Append(*tx, ChangeEvent(by, now, "user.role_changed", *user,
                                 {{"from", user->role},
                                  {"to", std::string(RoleId(*parsed))},
                                  {"sessions_ended", change.sessions_ended},
                                  {"screenings_released", change.work.screenings_released.size()}}));
  tx->Commit();
  return change;
}

}  // namespace fd::app
