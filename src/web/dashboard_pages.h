// The performance dashboard pages (issue 9 point 1; docs/dashboard.md), for team managers and
// analysts: `/dashboard` (a period and team form, then every figure as an SVG chart with its data
// table and a link to its records) and `/dashboard/records` (the records behind a figure or one of
// its rows, a page at a time, each linking to its own page for those who may open it). The period
// is `from`/`to` (YYYY-MM-DD) or the form's day/month/year boxes; `team` a team id. Other roles get
// the 403 page.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterDashboardPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the home page: the link to /dashboard, for a role that may see the figures.
void AddDashboardLink(const app::Actor& actor, Data& d);

}  // namespace fd::web
