// Users, teams and sessions in the store. Backend-neutral: written against Transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  std::string role;
  std::optional<std::int64_t> team_id;
  std::string team_name;
  std::string password_hash;
  bool active = true;
  std::string agency = "";  // issue 12: a partner user's agency (the pack's id); empty for other roles
  // Someone else knows the password (an administrator set it): the holder must choose their own
  // before anything else (migration 0046).
  bool must_change_password = false;
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  Instant created_at;
  Instant last_seen_at;
  Instant expires_at;
};

std::int64_t EnsureTeam(Transaction& tx, const std::string& name);
struct TeamRecord {
  std::int64_t id = 0;
  std::string name;
};
std::vector<TeamRecord> ListTeams(Transaction& tx);
std::int64_t InsertUser(Transaction& tx, const UserRecord& user, Instant now);
std::optional<UserRecord> FindUserByUsername(Transaction& tx, const std::string& username);
// Whether an account's username equals `username` ignoring letter case (usernames are ASCII).
bool UsernameTakenIgnoringCase(Transaction& tx, const std::string& username);
std::optional<UserRecord> FindUserById(Transaction& tx, std::int64_t id);
std::vector<UserRecord> ListUsers(Transaction& tx);
// Each user's last successful sign-in, by user id, read from the audit log's login.succeeded events
// (so no column to keep in step; a user who never signed in has none).
std::map<std::int64_t, Instant> LastSignIns(Transaction& tx);
std::optional<Instant> LastSignIn(Transaction& tx, std::int64_t user_id);

void InsertSession(Transaction& tx, const SessionRecord& session);
std::optional<SessionRecord> FindSession(Transaction& tx, const std::string& token_hash);
void TouchSession(Transaction& tx, const std::string& token_hash, Instant last_seen, Instant expires);
void DeleteSession(Transaction& tx, const std::string& token_hash);
std::int64_t DeleteExpiredSessions(Transaction& tx, Instant now);
// Ends every session of one user (a new password); returns how many.
std::int64_t DeleteSessionsForUser(Transaction& tx, std::int64_t user_id);
// Ends every session of one user but the one given (its hash): a user's own new password.
std::int64_t DeleteOtherSessionsForUser(Transaction& tx, std::int64_t user_id, const std::string& kept_token_hash);
void SetUserActive(Transaction& tx, std::int64_t user_id, bool active);
void SetUserTeam(Transaction& tx, std::int64_t user_id, std::optional<std::int64_t> team_id);
void SetUserRole(Transaction& tx, std::int64_t user_id, const std::string& role);
void UpdatePasswordHash(Transaction& tx, std::int64_t user_id, const std::string& password_hash);
// The holder of `user_id` must choose their own password (migration 0046); `because` is
// "account_created" or "password_set". Setting it again keeps the first row.
void RequirePasswordChange(Transaction& tx, std::int64_t user_id, Instant now, const std::string& because);
// They have chosen their own: true when it had been required.
bool ClearPasswordChange(Transaction& tx, std::int64_t user_id);
// Active accounts with the administrator role, `except` one (the account about to lose it, or be disabled).
std::int64_t CountOtherActiveAdministrators(Transaction& tx, std::int64_t except);

}  // namespace fd::store
