// The browsers a user is remembered on (migration 0041; app/remembered_browsers.h): one row for each
// device cookie that still gives trust.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct RememberedBrowserRecord {
  std::int64_t id = 0;
  std::string device;  // the SHA-256 (hex) of its cookie's id
  std::int64_t user_id = 0;
  std::string description;
  Instant first_remembered_at;
  Instant last_used_at;
  Instant expires_at;
};

std::int64_t InsertRememberedBrowser(Transaction& tx, const RememberedBrowserRecord& browser);
std::optional<RememberedBrowserRecord> FindRememberedBrowser(Transaction& tx, const std::string& device);
// A sign-in from a remembered browser: its new cookie's id, and when it was used and now expires.
void RenewRememberedBrowser(Transaction& tx, std::int64_t id, const std::string& device,
                            const std::string& description, Instant used_at, Instant expires_at);
// The user's browsers not yet expired at `now`, the last used first.
std::vector<RememberedBrowserRecord> ListRememberedBrowsers(Transaction& tx, std::int64_t user_id, Instant now);
// Forgets one of the user's browsers; false when `id` is not one of theirs.
bool DeleteRememberedBrowser(Transaction& tx, std::int64_t user_id, std::int64_t id);
// Forgets every browser of the user, expired or not; returns how many were not yet expired.
std::int64_t DeleteRememberedBrowsersOfUser(Transaction& tx, std::int64_t user_id, Instant now);
// The user's rows whose cookies have expired (they give no trust and are listed nowhere): cleared
// at each sign-in of theirs.
void DeleteExpiredRememberedBrowsers(Transaction& tx, std::int64_t user_id, Instant now);

}  // namespace fd::store
