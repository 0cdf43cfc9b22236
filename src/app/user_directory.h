// The administrator's list of accounts, on the pages (/users) and the API (/api/v1/users): who has an
// account, in which role and team, whether it is disabled or locked out, and when they last signed in.
// The changes themselves are app/account_changes.h and app/accounts.h, the ones `frontdoor user …` uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "domain/instant.h"

namespace fd::app {

struct AccountSummary {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  Role role = Role::kContactOfficer;
  std::string team;    // "" for none
  std::string agency;  // a partner user's agency id; "" for staff
  bool active = true;
  bool must_change_password = false;     // an administrator set the password; they have not chosen their own
  std::optional<Instant> locked_until;    // locked out to untrusted clients until then
  std::optional<Instant> last_signed_in;  // from the audit log; none when they never have
};

// Which accounts to list. Each empty means any: `role` a role id, `team` a team's name exactly,
// `status` one of "active", "disabled", "locked".
struct AccountFilter {
  std::string role;
  std::string team;
  std::string status;
};

// The accounts that match, by name. Errors: kForbidden for anyone but an administrator; kInvalid
// ("role", "status") for a value that is none of the choices.
Result<std::vector<AccountSummary>> ListAccounts(AppContext& ctx, const Actor& by, const AccountFilter& filter);
// One account. Errors: kForbidden; kNotFound.
Result<AccountSummary> FindAccount(AppContext& ctx, const Actor& by, std::int64_t user_id);
// The teams, by name, for the filter and the forms.
Result<std::vector<std::string>> TeamNames(AppContext& ctx, const Actor& by);

}  // namespace fd::app
