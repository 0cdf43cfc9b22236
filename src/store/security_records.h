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

// A failure from an untrusted client, counted against the username and the address.
void InsertSignInFailure(Transaction& tx, const std::string& username, const std::string& address, Instant at);
// A failure from a trusted browser (`device`: app/device_cookies.h), counted against that browser and
// the address, not the username (migration 0040).
void InsertDeviceFailure(Transaction& tx, const std::string& device, const std::string& username,
                         const std::string& address, Instant at);
// Failures for `username` from untrusted clients (or from `address`, any client; or from one trusted
// `device`) strictly after `since`.
std::int64_t CountFailuresForUsername(Transaction& tx, const std::string& username, Instant since);
std::int64_t CountFailuresFromDevice(Transaction& tx, const std::string& device, Instant since);
std::int64_t CountFailuresFromAddress(Transaction& tx, const std::string& address, Instant since);
// The time of the `n`th most recent failure from `address` strictly after `since` (n from 1), if any.
std::optional<Instant> NthRecentFailureFromAddress(Transaction& tx, const std::string& address, Instant since,
                                                   std::int64_t n);
void DeleteFailuresForUsername(Transaction& tx, const std::string& username);
// The addresses with at least `at_least` failures (untrusted and trusted) strictly after `since`,
// with how many, most first.
struct AddressFailures {
  std::string address;
  std::int64_t failures = 0;
};
std::vector<AddressFailures> AddressesWithFailures(Transaction& tx, Instant since, std::int64_t at_least);
// Takes `address` off every failure from it, so they no longer count against it; they still count
// against their username or browser. Returns how many failures there were.
std::int64_t ForgetAddressOfFailures(Transaction& tx, const std::string& address);
// Failures (untrusted and trusted) older than `before` no longer count; returns how many were deleted.
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

// A trusted browser's own lock-out (migration 0040), kept like SignInLock: `locked_until` after now,
// locked; otherwise the floor below which its failures no longer count.
struct DeviceLock {
  std::string device;
  std::string username;  // the account its cookie names
  Instant locked_at;
  Instant locked_until;
};
void UpsertDeviceLock(Transaction& tx, const DeviceLock& lock);
std::optional<DeviceLock> FindDeviceLock(Transaction& tx, const std::string& device);
// Lifts every lock of `username`'s trusted browsers and forgets their failures (a floor at `now` for
// every browser of that account with a lock or a failure). Returns how many were locked.
std::int64_t UnlockDevicesOfUsername(Transaction& tx, const std::string& username, Instant now);

// The key that signs device cookies (hex), made from `fresh_secret` when there is none yet: every
// node ends up with the first one written. ReadDeviceCookieKey: nullopt until then.
std::string EnsureDeviceCookieKey(Transaction& tx, const std::string& fresh_secret, Instant now);
std::optional<std::string> ReadDeviceCookieKey(Transaction& tx);

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
