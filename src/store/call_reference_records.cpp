#include "store/call_reference_records.h"

namespace fd::store {

void InsertCallReference(Transaction& tx, std::int64_t contact_id, const std::string& reference_given,
                         std::optional<std::int64_t> call_contact_id, const std::string& staff_note) {
  tx.Execute("INSERT INTO call_references (contact_id, reference_given, call_contact_id, staff_note) "
             "VALUES (?, ?, ?, ?)",
             {contact_id, reference_given, call_contact_id, staff_note});
}

std::optional<QuotedCallReference> CallReferenceOf(Transaction& tx, std::int64_t contact_id) {
  const auto rows = tx.Query("SELECT q.call_reference, r.call_contact_id, COALESCE(c.reference, ''), r.staff_note "
                             "FROM call_references r JOIN contacts q ON q.id = r.contact_id "
                             "LEFT JOIN contacts c ON c.id = r.call_contact_id WHERE r.contact_id = ?",
                             {contact_id});
  if (rows.empty()) return std::nullopt;
  return QuotedCallReference{rows[0].Text(0), rows[0].OptionalInt(1), rows[0].Text(2), rows[0].Text(3)};
}

std::vector<WrittenConfirmation> WrittenConfirmationsOf(Transaction& tx, std::int64_t call_contact_id) {
  std::vector<WrittenConfirmation> out;
  for (const auto& row : tx.Query("SELECT c.id, c.reference FROM call_references r JOIN contacts c ON c.id = "
                                  "r.contact_id WHERE r.call_contact_id = ? ORDER BY c.id",
                                  {call_contact_id}))
    out.push_back({row.Int(0), row.Text(1)});
  return out;
}

void PurgeCallReferences(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM call_references WHERE contact_id = ?", {contact_id});
  tx.Execute("UPDATE call_references SET call_contact_id = NULL WHERE call_contact_id = ?", {contact_id});
}

}  // namespace fd::store
