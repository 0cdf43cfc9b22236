// What happens to an account after it is made: a leaver's account disabled (and enabled again),
// a worker moved to another team or given another role. The administrator's work, or the CLI
// acting as the system; each change is audited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "app/actor.h"
#include "app/context.h"
#include "app/leaver_work.h"
#include "domain/error.h"
#include "store/store.h"

namespace fd::app {

// How each way in says "it is a new team" in the errors below: the CLI's flag, the API's field, the
// page's checkbox. The CLI's is the default.
inline constexpr const char* kNewTeamFlag = "--new-team";
inline constexpr const char* kNewTeamField = "\"new_team\": true";
inline constexpr const char* kNewTeamCheckbox = "tick \"It is a new team: create it\"";

// The team a typed name means, matched exactly after trimming. Errors (kInvalid, "team"): a name
// that differs from a team's only in letter case ("did you mean Front Door?"), and, unless
// `may_create`, a name no team has (naming the teams there are). With `may_create` an unknown name
// makes a new team. An empty name is no team (nullopt).
Result<std::optional<std::int64_t>> ResolveTeam(store::Transaction& tx, const std::string& typed,
                                                bool may_create, std::string_view new_team_words = kNewTeamFlag);

// Disables (active = false) or enables an account. Disabling ends its sessions at once and revokes
// every API token of theirs for good (RevokeTokensOfUser, each audited api_token.revoked), so enabling
// the account again brings back no token, and forgets every browser they are remembered on
// (app/remembered_browsers.h); a disabled account's sign-in gets the same answer as a
// wrong password. Errors: kForbidden for anyone but an administrator; kNotFound; kInvalid ("active") when
// an administrator disables their own account, or anyone (the CLI too) the only active administrator's
// (the council is never left with none). Audits user.disabled (with the counts) / user.enabled.
// Disabling also hands over their work in the same transaction (app/leaver_work.h): their open
// screening allocations go back to the team's queue, and their managers are told.
struct AccountActiveChange {
  std::int64_t sessions_ended = 0;
  std::int64_t tokens_revoked = 0;
  std::int64_t browsers_forgotten = 0;
  LeaversWork work;
};
Result<AccountActiveChange> SetAccountActive(AppContext& ctx, const std::optional<Actor>& by,
                                             const std::string& username, bool active);

// Moves a user to another team (see ResolveTeam; `may_create` makes a new one). Their records stay
// where they are; the screening allocated to them of another team's contacts goes back to that team's
// queue, and the managers are told, as when a leaver is disabled (app/leaver_work.h, reason
// "worker_moved_team"): a manager allocates only within their team, and the old team's manager
// could not see that their contacts waited for someone who had gone. Errors: kForbidden; kNotFound;
// kInvalid ("team"). Audits user.team_changed (with screenings_released).
Result<LeaversWork> MoveToTeam(AppContext& ctx, const std::optional<Actor>& by, const std::string& username,
                        const std::string& team, bool may_create, std::string_view new_team_words = kNewTeamFlag);

// Gives a user another role and ends their sessions, so no page or token acts on the old role.
// A partner agency user's account belongs to their agency and is not turned into a staff one (nor
// the other way): disable it and add a new account. Errors: kForbidden; kNotFound; kInvalid ("role"),
// naming the roles, or when an administrator takes away their own administrator role, or anyone (the CLI
// too) the only active administrator's. Audits user.role_changed (with screenings_released).
// What the new role may no longer do is handed over as a leaver's is (app/leaver_work.h, reason
// "worker_role_changed"): their screening allocations when it cannot screen (a team manager still
// can), the referrer calls they owed, a chair's consultations.
struct RoleChange {
  std::int64_t sessions_ended = 0;
  LeaversWork work;
};
Result<RoleChange> ChangeRole(AppContext& ctx, const std::optional<Actor>& by, const std::string& username,
                        const std::string& role);

// NewUserErrors, and the username taken by another account ignoring letter case, and the team as
// CreateUserInTeam checks it: every field's error at once, for a form to show them all.
std::vector<FieldError> NewUserInTeamErrors(AppContext& ctx, const NewUser& user, bool may_create_team,
                                            std::string_view new_team_words = kNewTeamFlag);

// `user add` from the command line, the API and the page: CreateUser, but `user.team` must name an existing team (see
// ResolveTeam) unless `may_create_team`, so a typo never makes a second team no manager has.
Result<std::int64_t> CreateUserInTeam(AppContext& ctx, const std::optional<Actor>& by, const NewUser& user,
                                      bool may_create_team, std::string_view new_team_words = kNewTeamFlag);

// A signed-in user changes their own password: `current` must be their password now (a wrong one is
// a field error on "current_password", counted toward the lock-out exactly like a failed sign-in, and
// refused while the username is locked, or with the browser's device cookie while that browser is),
// `replacement` must pass CheckPassword and differ from `current` (kInvalid, "new_password": a password
// an administrator set would otherwise stay one they know). Every other session of theirs ends
// (someone who knew the old one is put out); the one presented (`session_token`) stays. Every browser
// they are remembered on is forgotten, this one too (app/remembered_browsers.h). Clears "must change
// password" (Session::must_change_password). Audits user.password_changed (by themselves), and
// user.must_change_password_cleared when it was set. Defined beside
// SignIn (app/accounts.cpp), whose failure count it shares.
struct OwnPasswordChange {
  std::string current;
  std::string replacement;
  std::string session_token;  // the session making the change: kept
  std::string address;        // for the failure count, as SignInFrom
  std::string device_cookie = "";  // the browser's device cookie for this user, if any, as SignInFrom
};
Result<void> ChangeOwnPassword(AppContext& ctx, const Actor& actor, const OwnPasswordChange& change);

// "There is no role called 'x': the roles are contact_officer, …".
std::string UnknownRoleMessage(const std::string& typed);

}  // namespace fd::app
