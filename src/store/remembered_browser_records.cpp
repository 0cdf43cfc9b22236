#include "store/remembered_browser_records.h"

namespace fd::store {
namespace {

constexpr const char* kColumns =
    "id, device, user_id, description, first_remembered_at, last_used_at, expires_at";

RememberedBrowserRecord FromRow(const Row& r) {
  return {r.Int(0), r.Text(1), r.Int(2), r.Text(3), ParseUtc(r.Text(4)).value_or(Instant{}),
          ParseUtc(r.Text(5)).value_or(Instant{}), ParseUtc(r.Text(6)).value_or(Instant{})};
}

}  // namespace

std::int64_t InsertRememberedBrowser(Transaction& tx, const RememberedBrowserRecord& b) {
  return tx
      .Query("INSERT INTO remembered_browsers (device, user_id, description, first_remembered_at, last_used_at, "
             "expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
             {b.device, b.user_id, b.description, FormatUtc(b.first_remembered_at), FormatUtc(b.last_used_at),
              FormatUtc(b.expires_at)})
      .at(0)
      .Int(0);
}

std::optional<RememberedBrowserRecord> FindRememberedBrowser(Transaction& tx, const std::string& device) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns + " FROM remembered_browsers WHERE device = ?", {device});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

void RenewRememberedBrowser(Transaction& tx, std::int64_t id, const std::string& device,
                            const std::string& description, Instant used_at, Instant expires_at) {
  tx.Execute("UPDATE remembered_browsers SET device = ?, description = ?, last_used_at = ?, expires_at = ? "
             "WHERE id = ?",
             {device, description, FormatUtc(used_at), FormatUtc(expires_at), id});
}

std::vector<RememberedBrowserRecord> ListRememberedBrowsers(Transaction& tx, std::int64_t user_id, Instant now) {
  std::vector<RememberedBrowserRecord> out;
  for (const auto& row : tx.Query(std::string("SELECT ") + kColumns +
                                      " FROM remembered_browsers WHERE user_id = ? AND expires_at > ? "
                                      "ORDER BY last_used_at DESC, id DESC",
                                  {user_id, FormatUtc(now)}))
    out.push_back(FromRow(row));
  return out;
}

bool DeleteRememberedBrowser(Transaction& tx, std::int64_t user_id, std::int64_t id) {
  return tx.Execute("DELETE FROM remembered_browsers WHERE id = ? AND user_id = ?", {id, user_id}) > 0;
}

std::int64_t DeleteRememberedBrowsersOfUser(Transaction& tx, std::int64_t user_id, Instant now) {
  const std::int64_t live =
      tx.Query("SELECT COUNT(*) FROM remembered_browsers WHERE user_id = ? AND expires_at > ?",
               {user_id, FormatUtc(now)})
          .at(0)
          .Int(0);
  tx.Execute("DELETE FROM remembered_browsers WHERE user_id = ?", {user_id});
  return live;
}

void DeleteExpiredRememberedBrowsers(Transaction& tx, std::int64_t user_id, Instant now) {
  tx.Execute("DELETE FROM remembered_browsers WHERE user_id = ? AND expires_at <= ?", {user_id, FormatUtc(now)});
}

}  // namespace fd::store
