// Sign-in failures, lock-outs and API tokens in the store (migration 0012). Backend-neutral: written
// against Transaction. Nothing here holds a password or a token: only usernames, addresses, times
// and SHA-256 hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

void InsertSignInFailure(Transaction& tx, const std::string& username, const std::string& address, Instant at);
// Failures for `username` (or from `address`) strictly after `since`.
std::int64_t CountFailuresForUsername(Transaction& tx, const std::string& username, Instant since);
std::int64_t CountFailuresFromAddress(Transaction& tx, const std::string& address, Instant since);
// The time of the `n`th most recent failure from `address` strictly after `since` (n from 1), if any.
std::optional<Instant> NthRecentFailureFromAddress(Transaction& tx, const std::string& address, Instant since,
                                                   std::int64_t n);
void DeleteFailuresForUsername(Transaction& tx, const std::string& username);
// Failures older than `before` no longer count; returns how many were deleted.
std::int64_t DeleteFailuresBefore(Transaction& tx, Instant before);

// One row per username that was ever locked, unlocked or signed in after failures. `locked_until`
// after now: locked. Otherwise it is the floor: failures at or before it no longer count.
struct SignInLock {
  std::string username;
  Instant locked_at;
  Instant locked_until;
};
void UpsertSignInLock(Transaction& tx, const SignInLock& lock);
std::optional<SignInLock> FindSignInLock(Transaction& tx, const std::string& username);
// Returns whether a lock was there.
bool DeleteSignInLock(Transaction& tx, const std::string& username);

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::string name;
  std::int64_t user_id = 0;
  std::string username;  // read only (joined from users)
  std::string token_hash;
  std::string scopes;    // comma-separated
  Instant created_at;
  std::optional<Instant> revoked_at;
  std::optional<Instant> last_used_at;
};
std::int64_t InsertApiToken(Transaction& tx, const ApiTokenRecord& token);
std::optional<ApiTokenRecord> FindApiTokenByHash(Transaction& tx, const std::string& token_hash);
std::optional<ApiTokenRecord> FindApiTokenById(Transaction& tx, std::int64_t id);
std::vector<ApiTokenRecord> ListApiTokens(Transaction& tx);
// The user's tokens not yet revoked, oldest first.
std::vector<ApiTokenRecord> ListUnrevokedApiTokensOfUser(Transaction& tx, std::int64_t user_id);
void RevokeApiToken(Transaction& tx, std::int64_t id, Instant at);
void TouchApiToken(Transaction& tx, std::int64_t id, Instant at);

}  // namespace fd::store
