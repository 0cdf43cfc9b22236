#include "store/referrer_callback_records.h"

namespace fd::store {

namespace {

constexpr const char* kColumns =
    "SELECT r.contact_id, c.reference, r.decision_id, r.user_id, COALESCE(u.display_name, ''), r.opened_at, "
    "r.told_at, r.told_by, COALESCE(t.display_name, ''), r.note FROM referrer_callbacks r "
    "JOIN contacts c ON c.id = r.contact_id LEFT JOIN users u ON u.id = r.user_id "
    "LEFT JOIN users t ON t.id = r.told_by ";

ReferrerCallback FromRow(const Row& r) {
  ReferrerCallback out;
  out.contact_id = r.Int(0);
  out.contact_reference = r.Text(1);
  out.decision_id = r.Int(2);
  out.user_id = r.Int(3);
  out.user_name = r.Text(4);
  out.opened_at = ParseUtc(r.Text(5)).value_or(Instant{});
  if (auto told = r.OptionalText(6)) out.told_at = ParseUtc(*told);
  out.told_by = r.OptionalInt(7);
  out.told_by_name = r.Text(8);
  out.note = r.Text(9);
  return out;
}

}  // namespace

void InsertReferrerCallback(Transaction& tx, std::int64_t contact_id, std::int64_t decision_id, std::int64_t user_id,
                            Instant at) {
  // The same statements on SQLite and PostgreSQL; the caller holds the contact's version, so the
  // check and the insert are not raced.
  const auto current =
      tx.Query("SELECT decision_id, told_at FROM referrer_callbacks WHERE contact_id = ?", {contact_id});
  if (!current.empty()) {
    // A call still to make is the one call; a call made already for this decision is done.
    if (!current[0].OptionalText(1) || current[0].Int(0) == decision_id) return;
    // HCR-24: a call made for another decision (a duplicate's referrer told its original's outcome)
    // is kept as it was, and this decision, the contact's own, is told too.
    tx.Execute("INSERT INTO referrer_callbacks_earlier (contact_id, decision_id, user_id, opened_at, told_at, "
               "told_by, note) SELECT contact_id, decision_id, user_id, opened_at, told_at, told_by, note "
               "FROM referrer_callbacks WHERE contact_id = ?",
               {contact_id});
    tx.Execute("DELETE FROM referrer_callbacks WHERE contact_id = ?", {contact_id});
  }
  tx.Execute("INSERT INTO referrer_callbacks (contact_id, decision_id, user_id, opened_at) VALUES (?, ?, ?, ?)",
             {contact_id, decision_id, user_id, FormatUtc(at)});
}

std::optional<ReferrerCallback> FindReferrerCallback(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query(std::string(kColumns) + "WHERE r.contact_id = ?", {contact_id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<ReferrerCallback> EarlierReferrerCallbacks(Transaction& tx, std::int64_t contact_id) {
  std::vector<ReferrerCallback> out;
  for (const auto& r :
       tx.Query("SELECT r.contact_id, c.reference, r.decision_id, r.user_id, COALESCE(u.display_name, ''), "
                "r.opened_at, r.told_at, r.told_by, COALESCE(t.display_name, ''), r.note "
                "FROM referrer_callbacks_earlier r "
                "JOIN contacts c ON c.id = r.contact_id LEFT JOIN users u ON u.id = r.user_id "
                "LEFT JOIN users t ON t.id = r.told_by WHERE r.contact_id = ? ORDER BY r.opened_at, r.decision_id",
                {contact_id}))
    out.push_back(FromRow(r));
  return out;
}

std::vector<ReferrerCallback> OpenReferrerCallbacksOf(Transaction& tx, std::int64_t user_id) {
  std::vector<ReferrerCallback> out;
  for (const auto& r : tx.Query(std::string(kColumns) +
                                    "WHERE r.user_id = ? AND r.told_at IS NULL ORDER BY r.opened_at, r.contact_id LIMIT 200",
                                {user_id}))
    out.push_back(FromRow(r));
  return out;
}

bool MarkReferrerTold(Transaction& tx, std::int64_t contact_id, std::int64_t by, const std::string& note, Instant at) {
  if (tx.Query("SELECT 1 FROM referrer_callbacks WHERE contact_id = ? AND told_at IS NULL", {contact_id}).empty())
    return false;
  tx.Execute("UPDATE referrer_callbacks SET told_at = ?, told_by = ?, note = ? WHERE contact_id = ?",
             {FormatUtc(at), by, note, contact_id});
  return true;
}

bool WithdrawReferrerCallback(Transaction& tx, std::int64_t contact_id, const std::string& timescale) {
  if (tx.Execute("DELETE FROM referrer_callbacks WHERE contact_id = ? AND told_at IS NULL", {contact_id}) == 0)
    return false;
  const Params which = {contact_id, timescale};
  tx.Execute("DELETE FROM deadlines_past_bank_holidays WHERE deadline_id IN (SELECT id FROM deadlines WHERE "
             "record_type = 'contact' AND record_id = ? AND timescale = ? AND met_at IS NULL)",
             which);
  tx.Execute("DELETE FROM deadlines WHERE record_type = 'contact' AND record_id = ? AND timescale = ? AND met_at IS NULL",
             which);
  return true;
}

}  // namespace fd::store
