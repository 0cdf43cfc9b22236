// Rows of the referrer status links (migration 0024). The store keeps only the hash of a link's
// secret; app/status_links.* makes the secret and hashes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

struct StatusLinkRow {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string created_at;  // UTC, "2026-11-24T09:30:00Z"
  std::string expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::int64_t> revoked_by;
  std::string revoked_by_name;
  std::string revoke_reason;
};

std::int64_t InsertStatusLink(Transaction& tx, std::int64_t contact_id, const std::string& token_hash,
                              const std::string& created_at, const std::string& expires_at);
std::optional<StatusLinkRow> FindStatusLinkByHash(Transaction& tx, const std::string& token_hash);
// A contact's links, oldest first.
std::vector<StatusLinkRow> StatusLinksOf(Transaction& tx, std::int64_t contact_id);
// Revokes every link of the contact not yet revoked; returns how many.
int RevokeStatusLinks(Transaction& tx, std::int64_t contact_id, std::int64_t by, const std::string& reason,
                      const std::string& at);
// HCR-33: the team a referral from this contact went to, if one was made.
std::optional<std::string> ReferralTeamOf(Transaction& tx, std::int64_t contact_id);
void PurgeStatusLinks(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
