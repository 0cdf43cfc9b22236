// An administrator resets a user's password: a forgotten one, or one someone else may know. The
// administrator types a temporary password or has frontdoor make one, shown to them once and never
// kept; either way its holder must choose their own at their next sign-in (migration 0046), every
// session of theirs ends, every browser they are remembered on is forgotten, and any lock-out on the
// account is lifted, so the new password is the only way in and it works at once. Their API tokens
// are left alone: a token has no password, and is made for a system, not the person.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "store/store.h"
#include "store/user_records.h"

namespace fd::app {

// What giving an account a password someone else knows did (SetPassword, ResetPassword).
struct PasswordReplaced {
  std::int64_t sessions_ended = 0;
  std::int64_t browsers_forgotten = 0;
  bool lock_lifted = false;            // the username was locked to untrusted clients
  std::int64_t browsers_unlocked = 0;  // its browsers that were locked on their own
};

// Within the caller's write transaction: stores `hash` as `user`'s password, ends all their sessions,
// forgets their browsers, lifts any lock-out on the username and its browsers (their earlier failures
// no longer count) and, when `change_required`, makes them choose their own at their next sign-in.
// Audits user.password_changed by `by` (nullopt: the system) with the counts and `detail`'s fields,
// never the password; and user.must_change_password.
PasswordReplaced ReplacePassword(store::Transaction& tx, const std::optional<Actor>& by,
                                 const store::UserRecord& user, const std::string& hash, bool change_required,
                                 nlohmann::json detail, Instant now);

// Within the caller's write transaction: `user` must choose their own password, because someone else
// (`by`, or the system) knows it. Audits user.must_change_password with `because`.
void RequireOwnPassword(store::Transaction& tx, const std::optional<Actor>& by, const store::UserRecord& user,
                        const std::string& because, Instant now);

// A temporary password frontdoor makes: four groups of four lower-case letters and digits, without
// the look-alikes (0/o, 1/l/i), joined by hyphens ("k7qm-x4pt-9wz3-h2rb"): about 79 random bits, and
// easy to read out over the phone. Passes CheckPassword.
std::string MakeTemporaryPassword();

struct PasswordReset {
  // The password frontdoor made, to be shown to the administrator this once: never stored, logged
  // or audited. Empty when the administrator typed one (they know it; it is not echoed back).
  std::string temporary_password;
  PasswordReplaced done;
};

// The administrator `by` resets user `user_id`'s password to `typed`, or, when `generate`, to one
// made by MakeTemporaryPassword. Errors: kForbidden for anyone but an administrator; kNotFound when
// there is no such user; kInvalid ("password"): `typed` fails CheckPassword, or is empty without
// `generate`, or is given with it, or the account is the administrator's own (they change their own
// on /account/password, where their current password is asked for, so a session left open cannot
// take the account over). Audits user.password_changed (`reset: true`, `generated`), never the
// password.
Result<PasswordReset> ResetPassword(AppContext& ctx, const Actor& by, std::int64_t user_id,
                                    const std::string& typed, bool generate);

// "This is your own account: change your password on …": the refusal of a reset of one's own.
inline constexpr const char* kOwnPasswordMessage =
    "This is your own account: change your own password on \"Change your password\" (/account/password), "
    "which asks for your current one";

}  // namespace fd::app
