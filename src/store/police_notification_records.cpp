#include "store/police_notification_records.h"

namespace fd::store {
namespace {

// FromRow reads the columns in this order; both selects below list them whole (no SQL is built).
PoliceNotificationRecord FromRow(const Row& r) {
  PoliceNotificationRecord n;
  n.id = r.Int(0);
  n.batch_id = r.Int(1);
  n.force_reference = r.Text(2);
  n.request_hash = r.Text(3);
  n.notified_at = ParseUtc(r.Text(4)).value_or(Instant{});
  n.risk_level = r.Text(5);
  n.grade = r.Text(6);
  n.grade_rank = static_cast<int>(r.Int(7));
  n.incident_summary = r.Text(8);
  n.officer = r.Text(9);
  n.officer_email = r.Text(10);
  n.children = r.Text(11);
  n.adults = r.Text(12);
  n.matches = r.Text(13);
  n.status = r.Text(14);
  n.decision_reason = r.OptionalText(15).value_or("");
  if (auto at = r.OptionalText(16); at && !at->empty()) n.decided_at = ParseUtc(*at);
  n.decided_by = r.OptionalInt(17);
  n.decided_by_name = r.OptionalText(18).value_or("");
  n.contact_id = r.OptionalInt(19);
  n.contact_reference = r.OptionalText(20).value_or("");
  n.received_at = ParseUtc(r.Text(21)).value_or(Instant{});
  return n;
}

}  // namespace

std::int64_t InsertPoliceBatch(Transaction& tx, const PoliceBatchRecord& b) {
  return tx
      .Query("INSERT INTO police_batches (received_at, received_by, format, rows_total, rows_imported, rows_repeated, "
             "rows_refused) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {FormatUtc(b.received_at), b.received_by, b.format, b.rows_total, b.rows_imported, b.rows_repeated,
              b.rows_refused})
      .at(0)
      .Int(0);
}

void UpdatePoliceBatchCounts(Transaction& tx, const PoliceBatchRecord& b) {
  tx.Execute("UPDATE police_batches SET rows_imported = ?, rows_repeated = ?, rows_refused = ? WHERE id = ?",
             {b.rows_imported, b.rows_repeated, b.rows_refused, b.id});
}

std::optional<KnownPoliceReference> FindPoliceReference(Transaction& tx, const std::string& force_reference) {
  auto rows = tx.Query("SELECT id, request_hash FROM police_da_notifications WHERE force_reference = ?", {force_reference});
  if (rows.empty()) return std::nullopt;
  return KnownPoliceReference{rows[0].Int(0), rows[0].Text(1)};
}

std::int64_t InsertPoliceNotification(Transaction& tx, const PoliceNotificationRecord& n) {
  return tx
      .Query("INSERT INTO police_da_notifications (batch_id, force_reference, request_hash, notified_at, risk_level, "
             "grade, grade_rank, incident_summary, officer, officer_email, children, adults, matches, status, received_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {n.batch_id, n.force_reference, n.request_hash, FormatUtc(n.notified_at), n.risk_level, n.grade,
              static_cast<std::int64_t>(n.grade_rank), n.incident_summary, n.officer, n.officer_email, n.children, n.adults, n.matches,
              n.status, FormatUtc(n.received_at)})
      .at(0)
      .Int(0);
}

std::optional<PoliceNotificationRecord> FindPoliceNotification(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(
      "SELECT n.id, n.batch_id, n.force_reference, n.request_hash, n.notified_at, n.risk_level, n.grade, n.grade_rank, "
      "n.incident_summary, n.officer, n.officer_email, n.children, n.adults, n.matches, n.status, n.decision_reason, n.decided_at, "
      "n.decided_by, u.display_name, n.contact_id, c.reference, n.received_at "
      "FROM police_da_notifications n LEFT JOIN users u ON u.id = n.decided_by "
      "LEFT JOIN contacts c ON c.id = n.contact_id "
      "WHERE n.id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

PoliceNotificationPage ListPoliceNotifications(Transaction& tx, const std::string& status, int page, int page_size) {
  PoliceNotificationPage out;
  out.total = tx.Query("SELECT COUNT(*) FROM police_da_notifications WHERE status = ?", {status}).at(0).Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(page - 1) * page_size;
  for (const auto& row : tx.Query(
           "SELECT n.id, n.batch_id, n.force_reference, n.request_hash, n.notified_at, n.risk_level, n.grade, n.grade_rank, "
           "n.incident_summary, n.officer, n.officer_email, n.children, n.adults, n.matches, n.status, n.decision_reason, n.decided_at, "
           "n.decided_by, u.display_name, n.contact_id, c.reference, n.received_at "
           "FROM police_da_notifications n LEFT JOIN users u ON u.id = n.decided_by "
           "LEFT JOIN contacts c ON c.id = n.contact_id "
           "WHERE n.status = ? ORDER BY n.grade_rank, n.notified_at, n.id LIMIT ? OFFSET ?",
           {status, static_cast<std::int64_t>(page_size), offset}))
    out.items.push_back(FromRow(row));
  return out;
}

std::optional<std::string> ForceReferenceOfContact(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query("SELECT force_reference FROM police_da_notifications WHERE contact_id = ?", {contact_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

std::optional<std::int64_t> PoliceNotificationOfContact(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query("SELECT id FROM police_da_notifications WHERE contact_id = ?", {contact_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

std::optional<Instant> OldestAwaitingTriage(Transaction& tx) {
  auto rows = tx.Query("SELECT MIN(received_at) FROM police_da_notifications WHERE status = 'awaiting-triage'");
  if (rows.empty() || rows[0].IsNull(0)) return std::nullopt;
  return ParseUtc(rows[0].Text(0));
}

bool DecidePoliceNotification(Transaction& tx, std::int64_t id, const std::string& status, const std::string& reason,
                              Instant at, std::int64_t by, std::optional<std::int64_t> contact_id) {
  Value contact = contact_id ? Value(*contact_id) : Value();
  return tx.Execute("UPDATE police_da_notifications SET status = ?, decision_reason = ?, decided_at = ?, decided_by = ?, "
                    "contact_id = ? WHERE id = ? AND status = 'awaiting-triage'",
                    {status, reason, FormatUtc(at), by, contact, id}) == 1;
}

}  // namespace fd::store
