#include "app/deadlines_past_bank_holidays.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "app/deadlines.h"
#include "calendar/working_calendar.h"
#include "store/deadline_records.h"

namespace fd::app {
namespace {

// The earliest last known day of the packs' bank-holiday lists, as a bound on the due times worth
// reading: a day early, so that it holds in any time zone. nullopt when a list is empty (then any
// working-days deadline is past it).
std::optional<Instant> DueFrom(const policy::Procedures& procedures) {
  std::optional<std::chrono::sys_days> earliest;
  for (const auto& pack : procedures.versions()) {
    const Instant in_force{(std::chrono::sys_days{pack.effective_from} + std::chrono::hours(12)).time_since_epoch()};
    const auto until = procedures.CalendarAt(in_force).HolidaysKnownUntil();
    if (!until) return std::nullopt;
    earliest = std::min(earliest.value_or(std::chrono::sys_days{*until}), std::chrono::sys_days{*until});
  }
  if (!earliest) return std::nullopt;
  return Instant{(*earliest - std::chrono::days(1)).time_since_epoch()};
}

// The timescale the deadline was counted by: the pack version it names, else the one in force at its start.
const policy::TimescaleRule* CountedBy(const policy::Procedures& procedures, const Deadline& d) {
  for (const auto& pack : procedures.versions())
    if (pack.version == d.policy_version)
      if (const auto* rule = pack.Timescale(d.timescale)) return rule;
  return procedures.PackAt(d.starts_at).Timescale(d.timescale);
}

}  // namespace

PastBankHolidaysMarked MarkOlderDeadlinesPastBankHolidays(const AppContext& ctx) {
  PastBankHolidaysMarked result;
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  for (Deadline& d : store::OpenDeadlinesNotFlagged(*tx, ctx.clock.Now(), DueFrom(ctx.procedures))) {
    const auto* rule = CountedBy(ctx.procedures, d);
    if (!rule) {
      ++result.timescale_unknown;
      continue;
    }
    JudgeBankHolidays(d, ctx.procedures.CalendarAt(d.starts_at), rule->timescale);
    if (!d.counted_without_bank_holidays) continue;
    store::FlagCountedWithoutBankHolidays(*tx, d.id, d.bank_holidays_known_until);
    ++result.marked;
  }
  tx->Commit();
  return result;
}

}  // namespace fd::app
