// The dashboard's kept months (issue 9 point 4; docs/dashboard.md "Kept months"). A period's
// figures are the sum of its stretches' (performance::AddFigures): each complete local month in it
// is counted once and kept, per team, until a write about it (noted by the database's triggers,
// migration 0026), a new pack version, or the passing of time changes it; what lies outside
// complete months (the days before the first 1st, the month still running) is counted plainly.
// So a year costs twelve kept rows and a month's plain count, not a year's records.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "app/context.h"
#include "app/performance.h"
#include "domain/performance.h"
#include "store/store.h"

namespace fd::app {

// The local period from `from` to `to` (both included): local midnight at the start of `from` to
// local midnight at the end of `to`, by the zone and calendar in force at `now`.
performance::Period LocalPeriod(const AppContext& ctx, performance::Date from, performance::Date to, Instant now);

// Counts one stretch of the scope plainly, in `tx`: its figures; and, when `next_change` is given,
// the first instant at which the passing of time alone changes them.
using CountStretch = std::function<std::vector<performance::Figure>(
    store::Transaction& tx, const performance::Period& stretch, std::optional<Instant>* next_change)>;

// The figures of `scope`: `zero` (performance::Compute over the whole period with no facts, for
// every row in order) plus each stretch's. Opens its own transactions; keeps the months it had to
// count when nothing changed them meanwhile. A kept month that cannot be written is only logged:
// the figures are still answered.
std::vector<performance::Figure> FiguresWithKeptMonths(AppContext& ctx, const DashboardScope& scope,
                                                       std::vector<performance::Figure> zero,
                                                       const CountStretch& count);

}  // namespace fd::app
