// The figures /metrics shows about the work and the service (docs/monitoring.md): queue depths,
// breached deadlines, the e-mail outbox's backlog and how busy the store is. Counts only, grouped by
// codes: no record's id, reference or anyone's details.
#pragma once

#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "store/operations_records.h"
#include "store/store.h"

namespace fd::app {

struct ServiceFigures {
  std::vector<store::QueueDepth> queues;
  std::vector<store::BreachedDeadlines> breached;
  store::OutboxBacklog outbox;
  double oldest_unsent_age_seconds = 0;  // 0 when nothing waits
  store::StoreStats store;
};

// Reads them in one read transaction (three grouped, indexed queries). Errors: kForbidden unless the
// actor may view metrics (administrators; a token needs the "metrics" scope). Throws StoreFault.
Result<ServiceFigures> ReadServiceFigures(AppContext& ctx, const Actor& actor);

}  // namespace fd::app
