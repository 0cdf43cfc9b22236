#include "store/duplicate_records.h"

namespace fd::store {
namespace {

DuplicateLink LinkFromRow(const Row& r) {
  DuplicateLink l;
  l.contact_id = r.Int(0);
  l.reference = r.Text(1);
  l.reason = r.Text(2);
  l.shares_child = r.Int(3) != 0;
  l.closed_by = r.Int(4);
  l.closed_by_name = r.Text(5);
  l.closed_at = ParseUtc(r.Text(6)).value_or(Instant{});
  return l;
}

constexpr const char* kNotApplicableOfRecord =
    "SELECT n.id, n.timescale, n.rule_id, n.obligation, n.starts_at, n.due_at, n.closed_at, "
    "COALESCE(u.display_name, ''), n.reason FROM deadlines_not_applicable n LEFT JOIN users u ON u.id = n.closed_by "
    "WHERE n.record_type = ? AND n.record_id = ? ORDER BY n.due_at, n.id";

// The record's deadlines closed as not applicable, with their marks (which reference them) first.
void DeleteNotApplicable(Transaction& tx, const Params& which) {
  tx.Execute("DELETE FROM deadlines_not_applicable_past_bank_holidays WHERE deadline_id IN (SELECT id FROM "
             "deadlines_not_applicable WHERE record_type = ? AND record_id = ?)",
             which);
  tx.Execute("DELETE FROM deadlines_not_applicable WHERE record_type = ? AND record_id = ?", which);
}

}  // namespace

void InsertDuplicate(Transaction& tx, std::int64_t contact_id, std::int64_t original_id, const std::string& reason,
                     bool shares_child, std::int64_t by, Instant at, const std::string& from_state) {
  tx.Execute("INSERT INTO contact_duplicates (contact_id, original_id, reason, shares_child, closed_by, closed_at) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             {contact_id, original_id, reason, shares_child ? 1 : 0, by, FormatUtc(at)});
  tx.Execute("INSERT INTO contact_duplicate_stages (contact_id, from_state) VALUES (?, ?)", {contact_id, from_state});
}

std::optional<std::string> DuplicateFromState(Transaction& tx, std::int64_t contact_id) {
  const auto rows = tx.Query("SELECT from_state FROM contact_duplicate_stages WHERE contact_id = ?", {contact_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

void RemoveDuplicate(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM contact_duplicate_stages WHERE contact_id = ?", {contact_id});
  tx.Execute("DELETE FROM contact_duplicates WHERE contact_id = ?", {contact_id});
}

std::optional<DuplicateLink> DuplicateOf(Transaction& tx, std::int64_t contact_id) {
  const auto rows = tx.Query(
      "SELECT d.original_id, c.reference, d.reason, d.shares_child, d.closed_by, COALESCE(u.display_name, ''), "
      "d.closed_at FROM contact_duplicates d JOIN contacts c ON c.id = d.original_id "
      "LEFT JOIN users u ON u.id = d.closed_by WHERE d.contact_id = ?",
      {contact_id});
  if (rows.empty()) return std::nullopt;
  return LinkFromRow(rows[0]);
}

std::vector<DuplicateLink> DuplicatesOf(Transaction& tx, std::int64_t original_id) {
  std::vector<DuplicateLink> out;
  for (const auto& r : tx.Query(
           "SELECT d.contact_id, c.reference, d.reason, d.shares_child, d.closed_by, COALESCE(u.display_name, ''), "
           "d.closed_at FROM contact_duplicates d JOIN contacts c ON c.id = d.contact_id "
           "LEFT JOIN users u ON u.id = d.closed_by WHERE d.original_id = ? ORDER BY d.closed_at, d.contact_id",
           {original_id}))
    out.push_back(LinkFromRow(r));
  return out;
}

namespace {

// CloseDeadlinesNotApplicable for the open deadlines of the record, of `timescale` only unless it is
// empty.
std::vector<NotApplicableDeadline> CloseOpen(Transaction& tx, const std::string& record_type, std::int64_t record_id,
                                             const std::string& timescale, Instant at, std::int64_t by,
                                             const std::string& reason) {
  const Params which = {record_type, record_id, timescale, timescale};
  Params copy = {FormatUtc(at), by, reason};
  copy.insert(copy.end(), which.begin(), which.end());
  tx.Execute("INSERT INTO deadlines_not_applicable (id, timescale, rule_id, obligation, record_type, record_id, "
             "record_reference, team_id, user_id, starts_at, due_at, policy_version, created_at, closed_at, closed_by, "
             "reason) SELECT id, timescale, rule_id, obligation, record_type, record_id, record_reference, team_id, "
             "user_id, starts_at, due_at, policy_version, created_at, ?, ?, ? FROM deadlines "
             "WHERE record_type = ? AND record_id = ? AND met_at IS NULL AND (? = '' OR timescale = ?)",
             copy);
  // CAL-2, CAL-3: its "check this date" mark goes with it (migration 0045), to come back if it is restored.
  tx.Execute("INSERT INTO deadlines_not_applicable_past_bank_holidays (deadline_id, bank_holidays_known_until) "
             "SELECT b.deadline_id, b.bank_holidays_known_until FROM deadlines_past_bank_holidays b "
             "JOIN deadlines d ON d.id = b.deadline_id "
             "WHERE d.record_type = ? AND d.record_id = ? AND d.met_at IS NULL AND (? = '' OR d.timescale = ?)",
             which);
  tx.Execute("DELETE FROM deadlines_past_bank_holidays WHERE deadline_id IN (SELECT id FROM deadlines WHERE "
             "record_type = ? AND record_id = ? AND met_at IS NULL AND (? = '' OR timescale = ?))",
             which);
  tx.Execute("DELETE FROM deadlines WHERE record_type = ? AND record_id = ? AND met_at IS NULL AND "
             "(? = '' OR timescale = ?)",
             which);
  std::vector<NotApplicableDeadline> out;
  for (const auto& d : NotApplicableDeadlines(tx, record_type, record_id))
    if (d.closed_at == at && (timescale.empty() || d.timescale == timescale)) out.push_back(d);
  return out;
}

}  // namespace

std::vector<NotApplicableDeadline> CloseDeadlinesNotApplicable(Transaction& tx, const std::string& record_type,
                                                               std::int64_t record_id, Instant at, std::int64_t by,
                                                               const std::string& reason) {
  return CloseOpen(tx, record_type, record_id, "", at, by, reason);
}

std::vector<NotApplicableDeadline> CloseDeadlinesNotApplicable(Transaction& tx, const std::string& record_type,
                                                               std::int64_t record_id, const std::string& timescale,
                                                               Instant at, std::int64_t by, const std::string& reason) {
  return CloseOpen(tx, record_type, record_id, timescale, at, by, reason);
}

std::vector<NotApplicableDeadline> NotApplicableDeadlines(Transaction& tx, const std::string& record_type,
                                                          std::int64_t record_id) {
  std::vector<NotApplicableDeadline> out;
  for (const auto& r : tx.Query(kNotApplicableOfRecord, {record_type, record_id})) {
    NotApplicableDeadline d;
    d.id = r.Int(0);
    d.timescale = r.Text(1);
    d.rule_id = r.Text(2);
    d.obligation = r.Text(3);
    d.starts_at = ParseUtc(r.Text(4)).value_or(Instant{});
    d.due_at = ParseUtc(r.Text(5)).value_or(Instant{});
    d.closed_at = ParseUtc(r.Text(6)).value_or(Instant{});
    d.closed_by_name = r.Text(7);
    d.reason = r.Text(8);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<NotApplicableDeadline> RestoreNotApplicableDeadlines(Transaction& tx, const std::string& record_type,
                                                                 std::int64_t record_id) {
  auto restored = NotApplicableDeadlines(tx, record_type, record_id);
  const Params which = {record_type, record_id};
  tx.Execute("INSERT INTO deadlines (id, timescale, rule_id, obligation, record_type, record_id, record_reference, "
             "team_id, user_id, starts_at, due_at, policy_version, created_at) SELECT id, timescale, rule_id, "
             "obligation, record_type, record_id, record_reference, team_id, user_id, starts_at, due_at, "
             "policy_version, created_at FROM deadlines_not_applicable WHERE record_type = ? AND record_id = ?",
             which);
  // CAL-2, CAL-3: with the mark it had when it was closed (the list it was counted against).
  tx.Execute("INSERT INTO deadlines_past_bank_holidays (deadline_id, bank_holidays_known_until) "
             "SELECT b.deadline_id, b.bank_holidays_known_until FROM deadlines_not_applicable_past_bank_holidays b "
             "JOIN deadlines_not_applicable n ON n.id = b.deadline_id WHERE n.record_type = ? AND n.record_id = ?",
             which);
  DeleteNotApplicable(tx, which);
  return restored;
}

void PurgeDuplicateLinks(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM contact_duplicate_stages WHERE contact_id = ?", {contact_id});
  tx.Execute("DELETE FROM contact_duplicates WHERE contact_id = ? OR original_id = ?", {contact_id, contact_id});
  DeleteNotApplicable(tx, {std::string("contact"), contact_id});
}

}  // namespace fd::store
