// The performance dashboard over the API (issue 9 point 1; docs/dashboard.md, docs/api.md):
//   GET /api/v1/dashboard?from=YYYY-MM-DD&to=YYYY-MM-DD&team=ID   every figure as JSON, or as CSV
//       (format=csv, or Accept: text/csv): one row per figure and breakdown;
//   GET /api/v1/dashboard/records?figure=ID&breakdown=KEY&counted=true|false&page=N&page_size=N&…
//       the records behind a figure, a page at a time.
// Team managers and analysts (Action::kViewPerformance).
#pragma once

#include <string>

#include "app/context.h"
#include "app/performance.h"
#include "http/router.h"

namespace fd::api {

void RegisterDashboardApi(http::Router& router, app::AppContext& ctx);

// "from=2026-03-01&to=2026-03-31" and "&team=ID" when one is chosen: the resolved period, so a link
// made from the default period names it exactly.
std::string DashboardPeriodQuery(const app::DashboardScope& scope);

// The figures as CSV: the header row "figure,breakdown,value,numerator,denominator", then a row for
// each figure's rows (a rate's value is its percentage to one decimal place) and, for a figure with
// no rate of its own, an "all" row with its total.
std::string DashboardCsv(const app::Dashboard& dashboard);

}  // namespace fd::api
