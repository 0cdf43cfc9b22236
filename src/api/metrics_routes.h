// GET /metrics: the Prometheus text exposition (docs/monitoring.md). Signed in like every route: an
// administrator, or, as a Prometheus server does it, a bearer token with the "metrics" scope.
#pragma once

#include <functional>

#include "app/context.h"
#include "http/router.h"
#include "metrics/exposition.h"

namespace fd::api {

// `process_metrics` writes what the running process counts itself (HTTP requests, latency, in
// flight); the route adds what it reads from the store at scrape time.
void RegisterMetrics(http::Router& router, app::AppContext& ctx,
                     std::function<void(metrics::Exposition&)> process_metrics);

}  // namespace fd::api
