#include "app/user_directory.h"

#include <algorithm>
#include <map>

#include "app/accounts.h"
#include "app/permissions.h"
#include "store/security_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

AccountSummary SummaryOf(store::Transaction& tx, const store::UserRecord& user,
                         std::optional<Instant> last_signed_in, Instant now) {
  AccountSummary s;
  s.id = user.id;
  s.username = user.username;
  s.display_name = user.display_name;
  s.email = user.email;
  s.role = RoleFromId(user.role).value_or(Role::kContactOfficer);
  s.team = user.team_name;
  s.agency = user.agency;
  s.active = user.active;
  s.must_change_password = user.must_change_password;
  if (auto lock = store::FindSignInLock(tx, user.username); lock && lock->locked_until > now)
    s.locked_until = lock->locked_until;
  s.last_signed_in = last_signed_in;
  return s;
}

bool Matches(const AccountSummary& s, const AccountFilter& f) {
  if (!f.role.empty() && RoleId(s.role) != f.role) return false;
  if (!f.team.empty() && s.team != f.team) return false;
  if (f.status == "active") return s.active;
  if (f.status == "disabled") return !s.active;
  if (f.status == "locked") return s.locked_until.has_value();
  return true;
}

}  // namespace

Result<std::vector<AccountSummary>> ListAccounts(AppContext& ctx, const Actor& by, const AccountFilter& filter) {
  if (auto allowed = Authorise(by, Action::kManageUsers); !allowed) return std::unexpected(allowed.error());
  if (!filter.role.empty() && !RoleFromId(filter.role))
    return std::unexpected(Error::InvalidField("role", "Choose a role from the list"));
  if (!filter.status.empty() && filter.status != "active" && filter.status != "disabled" && filter.status != "locked")
    return std::unexpected(Error::InvalidField("status", "Choose active, disabled or locked"));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  const auto last_sign_ins = store::LastSignIns(*tx);
  std::vector<AccountSummary> out;
  for (const auto& user : store::ListUsers(*tx)) {
    const auto at = last_sign_ins.find(user.id);
    AccountSummary s =
        SummaryOf(*tx, user, at == last_sign_ins.end() ? std::nullopt : std::optional(at->second), now);
    if (Matches(s, filter)) out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const AccountSummary& a, const AccountSummary& b) {
    return a.display_name != b.display_name ? a.display_name < b.display_name : a.username < b.username;
  });
  return out;
}

Result<AccountSummary> FindAccount(AppContext& ctx, const Actor& by, std::int64_t user_id) {
  if (auto allowed = Authorise(by, Action::kManageUsers); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto user = store::FindUserById(*tx, user_id);
  if (!user) return std::unexpected(Error::NotFound("There is no user with that number"));
  return SummaryOf(*tx, *user, store::LastSignIn(*tx, user_id), ctx.clock.Now());
}

Result<std::vector<std::string>> TeamNames(AppContext& ctx, const Actor& by) {
  if (auto allowed = Authorise(by, Action::kManageUsers); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<std::string> out;
  for (const auto& t : store::ListTeams(*tx)) out.push_back(t.name);
  return out;
}

}  // namespace fd::app
