// /api/v1/reports/…: the statutory returns as downloads (app/statutory_returns.h, docs/reports.md),
// for team managers and analysts. The dashboard and the /reports page link to them.
#pragma once

#include "app/context.h"
#include "app/statutory_returns.h"
#include "http/message.h"
#include "http/router.h"

namespace fd::api {

// GET /api/v1/reports/annex-a?list=1&from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|xlsx
// GET /api/v1/reports/cin-census?year=YYYY[&allow_errors=true]
void RegisterReportApi(http::Router& router, app::AppContext& ctx);

// A return as a download: its type, `Content-Disposition: attachment` with its file name, and no
// caching (a return holds children's details).
http::Response ReturnFileResponse(const app::ReturnFile& file);

}  // namespace fd::api
