#include "store/performance_month_records.h"

namespace fd::store {

KeptMonthsState ReadKeptMonthsState(Transaction& tx) {
  const auto rows = tx.Query(
      "SELECT cached_until, generation, (SELECT COUNT(*) FROM (SELECT 1 FROM performance_touches LIMIT 1) AS "
      "waiting) FROM performance_month_state WHERE id = 1");
  KeptMonthsState state;
  state.noted_before = ParseUtc(rows.at(0).Text(0)).value_or(Instant{});
  state.generation = rows.at(0).Int(1);
  state.notes_waiting = rows.at(0).Int(2) != 0;
  return state;
}

void NoteWritesBefore(Transaction& tx, Instant at) {
  tx.Execute("UPDATE performance_month_state SET cached_until = ? WHERE id = 1 AND cached_until < ?",
             {FormatUtc(at), FormatUtc(at)});
}

std::vector<PerformanceTouch> TakePerformanceTouches(Transaction& tx) {
  std::vector<PerformanceTouch> out;
  std::int64_t last = 0;
  for (const auto& row : tx.Query("SELECT id, at, forward FROM performance_touches ORDER BY id")) {
    PerformanceTouch t;
    last = row.Int(0);
    t.forward = row.Int(2) != 0;
    if (auto at = row.OptionalText(1)) {
      t.at = ParseUtc(*at);
      if (!t.at) t.forward = true;  // unreadable: forget every month
    }
    out.push_back(t);
  }
  if (out.empty()) return out;
  tx.Execute("DELETE FROM performance_touches WHERE id <= ?", {last});
  tx.Execute("UPDATE performance_month_state SET generation = generation + 1 WHERE id = 1");
  return out;
}

std::vector<KeptMonth> KeptMonths(Transaction& tx, std::int64_t team_key, const std::string& first,
                                  const std::string& last) {
  std::vector<KeptMonth> out;
  for (const auto& row : tx.Query("SELECT month, calendar, stale_at, figures, computed_at FROM performance_months "
                                  "WHERE team_id = ? AND month >= ? AND month <= ? ORDER BY month",
                                  {team_key, first, last})) {
    KeptMonth m;
    m.month = row.Text(0);
    m.calendar = row.Text(1);
    if (auto stale = row.OptionalText(2)) m.stale_at = ParseUtc(*stale);
    m.figures = row.Text(3);
    m.computed_at = ParseUtc(row.Text(4)).value_or(Instant{});
    out.push_back(std::move(m));
  }
  return out;
}

void KeepMonth(Transaction& tx, std::int64_t team_key, const KeptMonth& month, Instant computed_at) {
  tx.Execute(
      "INSERT INTO performance_months (month, team_id, calendar, computed_at, stale_at, figures) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (month, team_id) DO UPDATE SET calendar = excluded.calendar, "
      "computed_at = excluded.computed_at, stale_at = excluded.stale_at, figures = excluded.figures",
      {month.month, team_key, month.calendar, FormatUtc(computed_at),
       month.stale_at ? Value(FormatUtc(*month.stale_at)) : Value(), month.figures});
}

void ForgetKeptMonths(Transaction& tx, const std::optional<std::vector<std::string>>& months) {
  if (!months) {
    tx.Execute("DELETE FROM performance_months");
    return;
  }
  for (const auto& m : *months) tx.Execute("DELETE FROM performance_months WHERE month = ?", {m});
}

}  // namespace fd::store
