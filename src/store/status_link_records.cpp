#include "store/status_link_records.h"

namespace fd::store {
namespace {

constexpr const char* kColumns =
    "l.id, l.contact_id, l.created_at, l.expires_at, l.revoked_at, l.revoked_by, COALESCE(u.display_name, ''), "
    "l.revoke_reason FROM status_links l LEFT JOIN users u ON u.id = l.revoked_by ";

StatusLinkRow FromRow(const Row& row) {
  StatusLinkRow l;
  l.id = row.Int(0);
  l.contact_id = row.Int(1);
  l.created_at = row.Text(2);
  l.expires_at = row.Text(3);
  l.revoked_at = row.OptionalText(4);
  l.revoked_by = row.OptionalInt(5);
  l.revoked_by_name = row.Text(6);
  l.revoke_reason = row.Text(7);
  return l;
}

}  // namespace

std::int64_t InsertStatusLink(Transaction& tx, std::int64_t contact_id, const std::string& token_hash,
                              const std::string& created_at, const std::string& expires_at) {
  return tx
      .Query("INSERT INTO status_links (contact_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?) "
             "RETURNING id",
             {contact_id, token_hash, created_at, expires_at})
      .at(0)
      .Int(0);
}

std::optional<StatusLinkRow> FindStatusLinkByHash(Transaction& tx, const std::string& token_hash) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns + "WHERE l.token_hash = ?", {token_hash});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<StatusLinkRow> StatusLinksOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<StatusLinkRow> out;
  for (const auto& row : tx.Query(std::string("SELECT ") + kColumns + "WHERE l.contact_id = ? ORDER BY l.id", {contact_id}))
    out.push_back(FromRow(row));
  return out;
}

int RevokeStatusLinks(Transaction& tx, std::int64_t contact_id, std::int64_t by, const std::string& reason,
                      const std::string& at) {
  return static_cast<int>(tx.Query("UPDATE status_links SET revoked_at = ?, revoked_by = ?, revoke_reason = ? "
                                   "WHERE contact_id = ? AND revoked_at IS NULL RETURNING id",
                                   {at, by, reason, contact_id})
                              .size());
}

std::optional<std::string> ReferralTeamOf(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query("SELECT team FROM referrals WHERE contact_id = ? ORDER BY id LIMIT 1", {contact_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

void PurgeStatusLinks(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM status_links WHERE contact_id = ?", {contact_id});
}

}  // namespace fd::store
