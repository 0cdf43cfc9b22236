#include "store/operations_records.h"

#include "store/deadline_records.h"

namespace fd::store {

std::vector<QueueDepth> CountOpenContactsByQueue(Transaction& tx) {
  std::vector<QueueDepth> out;
  for (const auto& row : tx.Query("SELECT queue, state, COUNT(*) FROM contacts "
                                  "WHERE state IN ('received', 'screening', 'screened', 'proposed') "
                                  "GROUP BY queue, state ORDER BY queue, state"))
    out.push_back(QueueDepth{row.Text(0), row.Text(1), row.Int(2)});
  return out;
}

std::vector<BreachedDeadlines> CountBreachedDeadlines(Transaction& tx, Instant now) {
  // Breached as the deadlines page says (domain BreachedAt): one due at once is not in its first minute.
  std::vector<BreachedDeadlines> out;
  for (const auto& row : tx.Query(std::string("SELECT timescale, rule_id, COUNT(*) FROM deadlines "
                                              "WHERE met_at IS NULL AND ") +
                                      kBreachedIfUnmetSql + " GROUP BY timescale, rule_id ORDER BY timescale, rule_id",
                                  BreachedIfUnmetParams(now)))
    out.push_back(BreachedDeadlines{row.Text(0), row.Text(1), row.Int(2)});
  return out;
}

OutboxBacklog ReadOutboxBacklog(Transaction& tx) {
  OutboxBacklog out;
  const auto rows = tx.Query(
      "SELECT COALESCE(SUM(CASE WHEN failed_at IS NULL THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN failed_at IS NULL THEN 0 ELSE 1 END), 0), "
      "MIN(CASE WHEN failed_at IS NULL THEN created_at END) "
      "FROM outbox WHERE sent_at IS NULL");
  if (rows.empty()) return out;
  out.unsent = rows[0].Int(0);
  out.failed = rows[0].Int(1);
  if (auto oldest = rows[0].OptionalText(2)) out.oldest_unsent_created_at = ParseUtc(*oldest);
  return out;
}

}  // namespace fd::store
