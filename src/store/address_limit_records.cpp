#include "store/address_limit_records.h"

namespace fd::store {

std::optional<AddressUses> FindAddressUses(Transaction& tx, const std::string& limit, const std::string& address) {
  auto rows = tx.Query("SELECT window_start, uses FROM address_limits WHERE limit_name = ? AND address = ?",
                       {limit, address});
  if (rows.empty()) return std::nullopt;
  // A start that cannot be read counts as long passed: the address starts a new window.
  return AddressUses{ParseUtc(rows[0].Text(0)).value_or(Instant{}), rows[0].Int(1)};
}

void SetAddressUses(Transaction& tx, const std::string& limit, const std::string& address, const AddressUses& uses) {
  if (tx.Execute("UPDATE address_limits SET window_start = ?, uses = ? WHERE limit_name = ? AND address = ?",
                 {FormatUtc(uses.window_start), uses.uses, limit, address}) > 0)
    return;
  tx.Execute("INSERT INTO address_limits (limit_name, address, window_start, uses) VALUES (?, ?, ?, ?)",
             {limit, address, FormatUtc(uses.window_start), uses.uses});
}

std::int64_t DeletePassedAddressWindows(Transaction& tx, const std::string& limit, Instant passed) {
  return tx.Execute("DELETE FROM address_limits WHERE limit_name = ? AND window_start <= ?", {limit, FormatUtc(passed)});
}

}  // namespace fd::store
