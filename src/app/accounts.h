// Accounts and sessions: sign in, resolve a session cookie to an Actor, sign out, create users.
//
// Passwords are hashed with argon2id (libsodium). A session is a 256-bit random token held only by
// the browser; the store keeps its SHA-256, so reading the sessions table does not let anyone in.
#pragma once

#include <chrono>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"

namespace fd::app {

// Sessions end after this long without use, and in any case this long after sign-in.
inline constexpr std::chrono::minutes kSessionIdleLimit{120};
inline constexpr std::chrono::hours kSessionAbsoluteLimit{12};
inline constexpr std::size_t kMinPasswordLength = 12;

struct SignedIn {
  std::string session_token;  // goes in the cookie; never stored or logged
  std::string csrf_token;
  Actor actor;
};

struct Session {
  Actor actor;
  std::string csrf_token;
};

// Returns the new session, or kUnauthenticated with one message for every failure (unknown user,
// wrong password, inactive account), so the answer gives no hint which part was wrong.
Result<SignedIn> SignIn(AppContext& ctx, const std::string& username, const std::string& password);
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
};
// Creates a user (administrators, and `seed-demo` acting as the system). Returns the user id.
Result<std::int64_t> CreateUser(AppContext& ctx, const std::optional<Actor>& by, const NewUser& user);

std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// A URL-safe random token of `bytes` random bytes.
std::string RandomToken(std::size_t bytes = 32);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace fd::app
