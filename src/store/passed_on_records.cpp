#include "store/passed_on_records.h"

namespace fd::store {

void InsertHandOver(Transaction& tx, std::int64_t contact_id, const HandOver& h) {
  tx.Execute(
      "INSERT INTO contact_hand_overs (contact_id, from_user_id, to_user_id, by_user_id, reason, at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {contact_id, h.from_user_id, h.to_user_id, h.by_user_id, h.reason, FormatUtc(h.at)});
}

std::vector<HandOver> HandOversOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<HandOver> out;
  for (const auto& r : tx.Query(
           "SELECT h.from_user_id, COALESCE(f.display_name, ''), h.to_user_id, COALESCE(t.display_name, ''), "
           "h.by_user_id, COALESCE(b.display_name, ''), h.reason, h.at FROM contact_hand_overs h "
           "LEFT JOIN users f ON f.id = h.from_user_id LEFT JOIN users t ON t.id = h.to_user_id "
           "LEFT JOIN users b ON b.id = h.by_user_id WHERE h.contact_id = ? ORDER BY h.id",
           {contact_id}))
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4), r.Text(5), r.Text(6),
                   ParseUtc(r.Text(7)).value_or(Instant{})});
  return out;
}

void InsertPassedOnRecorded(Transaction& tx, std::int64_t contact_id, const PassedOnRecorded& p) {
  tx.Execute(
      "INSERT INTO passed_on_recorded (contact_id, recorded_by, recorded_at, note) VALUES (?, ?, ?, ?)",
      {contact_id, p.recorded_by, FormatUtc(p.recorded_at), p.note});
}

std::optional<PassedOnRecorded> FindPassedOnRecorded(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query(
      "SELECT p.recorded_by, COALESCE(u.display_name, ''), p.recorded_at, p.note "
      "FROM passed_on_recorded p LEFT JOIN users u ON u.id = p.recorded_by WHERE p.contact_id = ?",
      {contact_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return PassedOnRecorded{r.Int(0), r.Text(1), ParseUtc(r.Text(2)).value_or(Instant{}), r.Text(3)};
}

void MoveContactHolder(Transaction& tx, std::int64_t contact_id, std::int64_t user_id,
                       std::optional<std::int64_t> team_id) {
  tx.Execute("UPDATE contacts SET allocated_user_id = ?, team_id = ? WHERE id = ?",
             {user_id, team_id, contact_id});
  tx.Execute(
      "UPDATE deadlines SET user_id = ?, team_id = ? WHERE record_type = 'contact' AND record_id = ? AND "
      "met_at IS NULL",
      {user_id, team_id, contact_id});
}

std::vector<ActiveWorker> ActiveSocialWorkers(Transaction& tx) {
  std::vector<ActiveWorker> out;
  for (const auto& r : tx.Query("SELECT u.id, u.username, u.display_name, COALESCE(t.name, '') FROM users u "
                                "LEFT JOIN teams t ON t.id = u.team_id WHERE u.role = 'social_worker' AND "
                                "u.active = 1 ORDER BY u.display_name, u.username"))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace fd::store
