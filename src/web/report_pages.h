// The statutory returns page (issue 9 points 2 and 3; docs/reports.md), for team managers and
// analysts: `/reports` has a form for each return and links for the usual periods;
// `/reports/annex-a` and `/reports/cin-census` (GET forms) answer with the file as a download, or
// the page again with the error summary (422). A census whose validation finds errors is shown as a
// list of them, each with its record, and a link to download it anyway.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterReportPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For a home or dashboard page: the link to /reports, for a role that may produce the returns.
void AddReportsLink(const app::Actor& actor, Data& d);

}  // namespace fd::web
