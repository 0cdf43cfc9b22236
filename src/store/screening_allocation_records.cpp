#include "store/screening_allocation_records.h"

namespace fd::store {

std::optional<ScreeningAllocation> FindScreeningAllocation(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query("SELECT a.contact_id, a.user_id, COALESCE(u.username, ''), COALESCE(u.display_name, ''), a.allocated_by, a.allocated_at "
                       "FROM screening_allocations a LEFT JOIN users u ON u.id = a.user_id WHERE a.contact_id = ?",
                       {contact_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return ScreeningAllocation{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), ParseUtc(r.Text(5)).value_or(Instant{})};
}

void AllocateScreening(Transaction& tx, std::int64_t contact_id, std::int64_t user_id, std::int64_t by, Instant at) {
  // Delete and insert rather than an upsert: the same statements on SQLite and PostgreSQL, and the
  // caller has already taken the contact's version, so no one else writes this row meanwhile.
  tx.Execute("DELETE FROM screening_allocations WHERE contact_id = ?", {contact_id});
  tx.Execute("INSERT INTO screening_allocations (contact_id, user_id, allocated_by, allocated_at) VALUES (?, ?, ?, ?)",
             {contact_id, user_id, by, FormatUtc(at)});
}

std::vector<OpenAllocation> OpenScreeningAllocationsOf(Transaction& tx, std::int64_t user_id) {
  std::vector<OpenAllocation> out;
  for (const auto& r : tx.Query("SELECT c.id, c.reference, c.team_id FROM screening_allocations a "
                                "JOIN contacts c ON c.id = a.contact_id WHERE a.user_id = ? "
                                "AND c.state IN ('received', 'screening', 'screened', 'proposed') ORDER BY c.received_at, c.id",
                                {user_id}))
    out.push_back({r.Int(0), r.Text(1), r.OptionalInt(2)});
  return out;
}

void ReleaseScreeningAllocation(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM screening_allocations WHERE contact_id = ?", {contact_id});
}

std::vector<TeamWorker> ActiveSocialWorkersOf(Transaction& tx, std::int64_t team_id) {
  std::vector<TeamWorker> out;
  for (const auto& r : tx.Query("SELECT id, username, display_name FROM users WHERE team_id = ? AND role = "
                                "'social_worker' AND active = 1 ORDER BY display_name, username",
                                {team_id}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

}  // namespace fd::store
