// Accounts and sessions: sign in, resolve a session cookie to an Actor, sign out, create users.
//
// Passwords are hashed with argon2id (libsodium). A session is a 256-bit random token held only by
// the browser; the store keeps its SHA-256, so reading the sessions table does not let anyone in.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"

namespace fd::app {

// Sessions end after this long without use, and in any case this long after sign-in.
inline constexpr std::chrono::minutes kSessionIdleLimit{120};
inline constexpr std::chrono::hours kSessionAbsoluteLimit{12};
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// Sign-in throttling (ASVS V2.2.1), with device cookies (app/device_cookies.h) so that knowing a
// worker's username is not enough to lock them out. Five failures for one username within 15
// minutes from clients without a valid device cookie for it lock that username for 15 minutes to
// such clients only; a browser with a valid device cookie for the username is not held by that lock,
// and five failures of its own within 15 minutes lock that browser alone (by its cookie's id) for 15
// minutes. Twenty failures from one client address within 15 minutes refuse that address, trusted
// browsers included, until the oldest of them is 15 minutes old (password spraying across many
// usernames). Kept in the store, so the count holds across restarts and every node.
inline constexpr std::int64_t kAccountFailureLimit = 5;
inline constexpr std::int64_t kDeviceFailureLimit = 5;
inline constexpr std::int64_t kAddressFailureLimit = 20;
inline constexpr std::chrono::minutes kFailureWindow{15};
inline constexpr std::chrono::minutes kLockDuration{15};

struct SignedIn {
  std::string session_token;  // goes in the cookie; never stored or logged
  std::string csrf_token;
  Actor actor;
  std::string device_cookie;  // a fresh device cookie for this browser and user; never stored or logged
  bool must_change_password = false;  // as Session's
};

struct Session {
  Actor actor;
  std::string csrf_token;
  // An administrator set their password (CreateUser, SetPassword): until they choose their own
  // (ChangeOwnPassword) they may do nothing else (api/session_guard.h). API tokens are not held.
  bool must_change_password = false;
};

// Where a sign-in came from.
struct SignInFrom {
  std::string address;                 // the client address, for the per-address throttle; empty: unknown
  std::string previous_session_token;  // the session cookie the browser already held, if any: ended
  std::string device_cookie = "";      // the device cookie the client offered for this username, if any
  std::string user_agent = "";         // the User-Agent, read only for its browser's description
};

// Returns a new session (always a new token: an old one presented is ended, never reused), or
// kUnauthenticated with one message for every failure (unknown user, wrong password, inactive
// account), so the answer gives no hint which part was wrong. When the address, the username (to an
// untrusted client) or the trusted browser is throttled the message says "Too many attempts: try
// again after HH:MM" (local time) instead; an unknown username is throttled exactly like a real one.
// A successful sign-in remembers the browser (app/remembered_browsers.h): a new one is added, a
// remembered one (its cookie offered) renewed with the fresh cookie; a cookie whose browser was
// forgotten gives no trust.
// Audits login.succeeded, login.failed, account.locked (untrusted clients), device.locked and
// login.throttled; never the password or a device cookie, and the typed username only when it names
// an account.
Result<SignedIn> SignIn(AppContext& ctx, const std::string& username, const std::string& password,
                        const SignInFrom& from = {});
// Lifts a lock-out on `username`, and on each of its trusted browsers, and forgets their earlier
// failures (an administrator, or the CLI acting as the system). Errors: kForbidden for anyone else; kNotFound when no account has that name.
// Audits account.unlocked. Returns what was locked.
struct Unlocked {
  bool username_was_locked = false;      // to untrusted clients
  std::int64_t browsers_unlocked = 0;    // the account's trusted browsers that were locked on their own
};
Result<Unlocked> UnlockAccount(AppContext& ctx, const std::optional<Actor>& by, const std::string& username);
// Whether `username` is locked out now (to untrusted clients), and until when.
std::optional<Instant> LockedUntil(AppContext& ctx, const std::string& username);
// kUnauthenticated when the token is unknown or expired.
Result<Session> ResolveSession(AppContext& ctx, const std::string& session_token);
void SignOut(AppContext& ctx, const std::string& session_token);

struct NewUser {
  std::string username;
  std::string display_name;
  std::string email;
  Role role = Role::kContactOfficer;
  std::string team;  // created if new; empty for none
  std::string password;
  // Issue 12: required for a partner user (one of the pack's [[partner_agencies]] ids), refused for
  // any other role.
  std::string agency = "";
  // Whether they must choose their own password at their first sign-in. An administrator knows the
  // password they typed, so an account they add always must; the system (`frontdoor user add`, which
  // sets it unless told not to, and `seed-demo`, which does not) chooses.
  bool must_change_password = false;
};
// What is wrong with `user`'s fields, every field at once (CreateUser refuses it with these): the
// username's form, the name, the e-mail's form when one is given, the password (CheckPassword), the
// partner agency. Not whether the username is taken: that needs the store.
std::vector<FieldError> NewUserErrors(const AppContext& ctx, const NewUser& user);
// Creates a user (administrators, and `seed-demo` acting as the system). Returns the user id.
// Audits user.created, and user.must_change_password when they must choose their own password.
Result<std::int64_t> CreateUser(AppContext& ctx, const std::optional<Actor>& by, const NewUser& user);

// Sets a new password for `username`, ends every session of that account, forgets every browser it
// is remembered on and lifts any lock-out on it (an administrator, or the CLI acting as the system;
// app/password_reset.h ReplacePassword, which the pages' and API's reset share). Whoever set it knows it,
// so its holder must choose their own at their next sign-in: always when an administrator set it,
// unless `change_required` is false when the system did (`frontdoor user password
// --no-change-required`). Errors: kForbidden; kNotFound; kInvalid ("password") as CheckPassword.
// Audits user.password_changed, and user.must_change_password.
Result<void> SetPassword(AppContext& ctx, const std::optional<Actor>& by, const std::string& username,
                         const std::string& password, bool change_required = true);

// The password rules (ASVS V2.1): at least kMinPasswordLength characters, at most kMaxPasswordLength,
// and not one of the shipped list of common passwords (data/common-passwords.txt). Returns the
// problem in words, or nullopt when the password is acceptable.
std::optional<std::string> CheckPassword(std::string_view password);

std::string HashPassword(const std::string& password, PasswordHashing hashing = PasswordHashing::kInteractive);
bool VerifyPassword(const std::string& hash, const std::string& password);
// A URL-safe random token of `bytes` random bytes.
std::string RandomToken(std::size_t bytes = 32);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace fd::app
