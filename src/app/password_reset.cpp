#include "app/password_reset.h"

#include <sodium.h>

#include <stdexcept>
#include <string_view>

#include "app/accounts.h"
#include "app/permissions.h"
#include "app/remembered_browsers.h"
#include "audit/audit_log.h"
#include "store/security_records.h"

namespace fd::app {
namespace {

// No 0/o, 1/l/i: read out over the phone, nothing is mistaken for anything else.
constexpr std::string_view kTemporaryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

std::string MakeGroups() {
  std::string out;
  for (int group = 0; group < 4; ++group) {
    if (group > 0) out += '-';
    for (int i = 0; i < 4; ++i)
      out += kTemporaryAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kTemporaryAlphabet.size()))];
  }
  return out;
}

}  // namespace

std::string MakeTemporaryPassword() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  std::string password = MakeGroups();
  // 19 characters cannot be too short, and none of the common passwords looks like this; checked all
  // the same, so a password frontdoor makes always passes the rules it asks of people.
  while (CheckPassword(password)) password = MakeGroups();
  return password;
}

void RequireOwnPassword(store::Transaction& tx, const std::optional<Actor>& by, const store::UserRecord& user,
                        const std::string& because, Instant now) {
  store::RequirePasswordChange(tx, user.id, now, because);
  audit::Append(tx, {now,
                     by ? std::optional(by->user_id) : std::nullopt,
                     by ? by->username : "system",
                     "user.must_change_password",
                     "user",
                     std::to_string(user.id),
                     {{"username", user.username}, {"because", because}}});
}

PasswordReplaced ReplacePassword(store::Transaction& tx, const std::optional<Actor>& by,
                                 const store::UserRecord& user, const std::string& hash, bool change_required,
                                 nlohmann::json detail, Instant now) {
  PasswordReplaced done;
  store::UpdatePasswordHash(tx, user.id, hash);
  done.sessions_ended = store::DeleteSessionsForUser(tx, user.id);
  // A reset password is for a lost or stolen one: no browser keeps its exemption from the lock-out.
  done.browsers_forgotten = ForgetBrowsersOfUser(tx, by, user, kForgottenPasswordReset, now);
  // And the lock-out goes: with their browsers forgotten the holder signs in as an untrusted client,
  // whom a lock on the username (most often from their own attempts at the lost password) would keep
  // out with the new one. Failures before now stop counting, as when an administrator unlocks it
  // (UnlockAccount); whoever was guessing was guessing the old password.
  auto lock = store::FindSignInLock(tx, user.username);
  done.lock_lifted = lock && lock->locked_until > now;
  // Only when there is something to lift: the floor is whole seconds, and a floor set at every reset
  // would also stop a stranger's failures in the reset's own second from counting.
  if (done.lock_lifted || store::CountFailuresForUsername(tx, user.username, now - kFailureWindow) > 0)
    store::UpsertSignInLock(tx, {user.username, lock ? lock->locked_at : now, now});
  done.browsers_unlocked = store::UnlockDevicesOfUsername(tx, user.username, now);
  detail["username"] = user.username;
  detail["sessions_ended"] = done.sessions_ended;
  detail["browsers_forgotten"] = done.browsers_forgotten;
  detail["lock_lifted"] = done.lock_lifted;
  audit::Append(tx, {now, by ? std::optional(by->user_id) : std::nullopt, by ? by->username : "system",
                     "user.password_changed", "user", std::to_string(user.id), std::move(detail)});
  // An administrator knows what they typed: only the system (the console) may leave it as it is.
  if (by || change_required) RequireOwnPassword(tx, by, user, "password_set", now);
  return done;
}

Result<PasswordReset> ResetPassword(AppContext& ctx, const Actor& by, std::int64_t user_id,
                                    const std::string& typed, bool generate) {
  if (!IsAllowed(by.role, Action::kManageUsers))
    return std::unexpected(Error::Forbidden("Only an administrator can reset passwords"));
  // Their own would skip the current password that /account/password asks for: anyone at a session
  // left open could take the account over.
  if (by.user_id == user_id) return std::unexpected(Error::InvalidField("password", kOwnPasswordMessage));
  if (generate && !typed.empty())
    return std::unexpected(Error::InvalidField(
        "password", "Either type a temporary password or ask frontdoor to make one, not both"));
  if (!generate && typed.empty())
    return std::unexpected(
        Error::InvalidField("password", "Enter a temporary password, or ask frontdoor to make one for you"));
  PasswordReset reset;
  if (generate)
    reset.temporary_password = MakeTemporaryPassword();
  else if (auto problem = CheckPassword(typed))
    return std::unexpected(Error::InvalidField("password", *problem));
  const std::string hash =  // slow: done before taking the write lock
      HashPassword(generate ? reset.temporary_password : typed, ctx.password_hashing);
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = store::FindUserById(*tx, user_id);
  if (!user) return std::unexpected(Error::NotFound("There is no user with that number"));
  reset.done = ReplacePassword(*tx, by, *user, hash, true, {{"reset", true}, {"generated", generate}}, now);
  tx->Commit();
  return reset;
}

}  // namespace fd::app
