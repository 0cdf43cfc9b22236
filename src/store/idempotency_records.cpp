#include "store/idempotency_records.h"

namespace fd::store {

std::optional<IdempotencyKeyRecord> FindIdempotencyKey(Transaction& tx, std::int64_t user_id, const std::string& key,
                                                       Instant not_before) {
  auto rows = tx.Query(
      "SELECT request_hash, contact_id, created_at FROM idempotency_keys "
      "WHERE user_id = ? AND idempotency_key = ? AND created_at >= ?",
      {user_id, key, FormatUtc(not_before)});
  if (rows.empty()) return std::nullopt;
  IdempotencyKeyRecord record;
  record.user_id = user_id;
  record.key = key;
  record.request_hash = rows[0].Text(0);
  record.contact_id = rows[0].Int(1);
  record.created_at = ParseUtc(rows[0].Text(2)).value_or(Instant{});
  return record;
}

void InsertIdempotencyKey(Transaction& tx, const IdempotencyKeyRecord& record, Instant expire_before) {
  tx.Execute("DELETE FROM idempotency_keys WHERE created_at < ?", {FormatUtc(expire_before)});
  tx.Execute(
      "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, contact_id, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {record.user_id, record.key, record.request_hash, record.contact_id, FormatUtc(record.created_at)});
}

}  // namespace fd::store
